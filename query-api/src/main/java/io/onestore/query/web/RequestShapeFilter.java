package io.onestore.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, the parts of a request Spring would otherwise misread:
 *
 * <ul>
 *   <li>a query string Tomcat could not decode ({@code q=100%}, {@code hashtag=%zz}, invalid UTF-8): Tomcat drops
 *       such a parameter and carries on, so a filter would silently vanish and the answer would cover everything. A
 *       filter the API cannot read is a 400, never a wider result;
 *   <li>a {@code Content-Type} that is not a concrete media type ({@code *}{@code /*}, garbage) or is multipart:
 *       415;
 *   <li>an {@code Accept} that names nothing this API answers with: 406 with a problem body (content negotiation
 *       would fail for the problem too and leave the body empty).
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestShapeFilter extends OncePerRequestFilter {

    /** Tomcat's {@code Globals.PARAMETER_PARSE_FAILED_ATTR}: set when any parameter could not be parsed. */
    static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    /** What the API answers with: JSON, problems, a report's CSV, and Swagger UI's pages. */
    private static final List<MediaType> PRODUCED = List.of(
            MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON,
            MediaType.parseMediaType("text/csv"),
            MediaType.TEXT_HTML,
            MediaType.TEXT_PLAIN,
            MediaType.parseMediaType("application/vnd.spring-boot.actuator.v3+json"),
            MediaType.parseMediaType("text/css"),
            MediaType.parseMediaType("application/javascript"),
            MediaType.parseMediaType("image/png"));

    private final ObjectMapper json;

    RequestShapeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            request.getParameterMap();
            if (request.getAttribute(PARSE_FAILED) != null) {
                reject(
                        response,
                        request,
                        ProblemType.INVALID_PARAMETER,
                        "The query string holds a parameter that cannot be decoded (malformed percent-encoding or"
                                + " invalid UTF-8); encode '%' as %25.");
                return;
            }
        }
        String contentType = request.getContentType();
        if (contentType != null && !readable(contentType)) {
            reject(response, request, ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json.");
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && !accept.isBlank() && !acceptable(accept)) {
            reject(
                    response,
                    request,
                    ProblemType.NOT_ACCEPTABLE,
                    "This API answers application/json (and text/csv for a campaign report).");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A media type at all, and not multipart: no endpoint reads multipart, and Spring would try to parse any request
     * that declares it (whatever its method) and fail with a 500.
     */
    private static boolean readable(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.getType().equalsIgnoreCase("multipart");
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean acceptable(String accept) {
        try {
            for (MediaType wanted : MediaType.parseMediaTypes(accept)) {
                for (MediaType produced : PRODUCED) {
                    if (wanted.isCompatibleWith(produced)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private void reject(HttpServletResponse response, HttpServletRequest request, ProblemType type, String detail)
            throws IOException {
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemBodies.of(type, detail, request.getRequestURI()));
    }
}
