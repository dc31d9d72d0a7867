package io.onestore.query.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * The detail of a body Jackson could not read, naming the field ({@code 'platforms[1]'}) but never quoting Jackson's
 * message, which repeats the caller's input and our class names.
 */
final class BodyErrors {

    /** Jackson's duplicate-key message; the name is echoed only when it looks like one of our field names. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([A-Za-z]{1,40})'");

    private BodyErrors() {}

    static String detail(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return "'" + path(u) + "' is not a field of this request";
        }
        if (cause instanceof InvalidFormatException f && f.getTargetType() == Instant.class) {
            return "'" + path(f) + "' must be an ISO-8601 instant with a zone between 1970-01-01T00:00:00Z and"
                    + " 2100-01-01T00:00:00Z (exclusive), e.g. 2026-11-01T00:00:00Z";
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return "'" + path(m) + "' has the wrong type or value";
        }
        if (cause instanceof JsonParseException p && p.getOriginalMessage() != null) {
            Matcher duplicate = DUPLICATE.matcher(p.getOriginalMessage());
            if (duplicate.find()) {
                return "'" + duplicate.group(1) + "' is given more than once";
            }
        }
        if (cause == null || e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return "The request needs a JSON body.";
        }
        return "The request body is not valid JSON for this endpoint.";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                String name = ref.getFieldName();
                path.append(name.length() > 40 ? name.substring(0, 40) + "…" : name);
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
