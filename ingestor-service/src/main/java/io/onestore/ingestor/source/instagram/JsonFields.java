package io.onestore.ingestor.source.instagram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads optional scalar fields of upstream JSON. Instagram omits or nulls fields freely, and an absent count must stay
 * absent (never 0) all the way into the documents.
 */
public final class JsonFields {

    private JsonFields() {}

    public static Long optLong(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() || !node.canConvertToLong() && !node.isTextual()
                ? null
                : parseLong(node);
    }

    public static String optText(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.isContainerNode() ? null : node.asText();
    }

    public static Boolean optBoolean(JsonNode node) {
        return node == null || !node.isBoolean() ? null : node.booleanValue();
    }

    /** A required id: numbers and strings are both seen upstream (e.g. {@code pk}). */
    public static String requiredText(JsonNode parent, String field) {
        String value = optText(parent.path(field));
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    private static Long parseLong(JsonNode node) {
        if (node.isNumber()) {
            return node.longValue();
        }
        try {
            return Long.parseLong(node.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
