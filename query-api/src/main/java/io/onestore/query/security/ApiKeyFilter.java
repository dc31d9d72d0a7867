package io.onestore.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.query.web.ProblemBodies;
import io.onestore.query.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-API-Key} on everything but health and the OpenAPI description. Reading needs the {@code read} scope,
 * any other method (creating and deleting campaigns) {@code write}. A plain filter rather than Spring Security: one
 * header, two scopes, no sessions; this is all of it.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final ApiKeys keys;
    private final ObjectMapper json;

    ApiKeyFilter(ApiKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health")
                || path.startsWith("/actuator/health/")
                || path.equals("/v3/api-docs")
                || path.startsWith("/v3/api-docs/")
                || path.equals("/swagger-ui.html")
                || path.startsWith("/swagger-ui/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Set<Scope>> scopes = keys.scopesOf(request.getHeader(HEADER));
        if (scopes.isEmpty()) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
            reject(response, request, ProblemType.UNAUTHORIZED, "Send a valid API key in the X-API-Key header.");
            return;
        }
        Scope needed = isRead(request.getMethod()) ? Scope.READ : Scope.WRITE;
        if (!scopes.get().contains(needed)) {
            reject(
                    response,
                    request,
                    ProblemType.FORBIDDEN,
                    "This API key lacks the '" + needed.name().toLowerCase(Locale.ROOT) + "' scope.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    private void reject(HttpServletResponse response, HttpServletRequest request, ProblemType type, String detail)
            throws IOException {
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemBodies.of(type, detail, request.getRequestURI()));
    }
}
