package io.onestore.query.web;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.query.config.QueryApiProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code type} ({@link ProblemType}). Elasticsearch
 * messages and stack traces go to the log only: they name indices and internals a caller has no use for.
 *
 * <p>Elasticsearch failures are sorted by whose fault they are ({@link StoreErrors}): the store's state (down,
 * overloaded, contract not installed yet) is a 503 with {@code Retry-After}; a request the store refused as malformed
 * is our bug, a 500 without it, since a retry would fail the same way. The log has the detail either way.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final String retryAfterSeconds;

    private final ObjectMapper json;

    ProblemAdvice(QueryApiProperties properties, ObjectMapper json) {
        this.retryAfterSeconds = Long.toString(properties.limits().retryAfter().toSeconds());
        this.json = json;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
        return problem(e.type(), e.getMessage(), request, new HttpHeaders());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String name = e.getName();
        boolean time = name.equals("from") || name.equals("to") || name.equals("start") || name.equals("end");
        String detail = time
                ? "'" + name + "' must be an ISO-8601 instant in UTC, e.g. 2026-11-01T00:00:00Z"
                : "'" + name + "' has an invalid value";
        return problem(
                time ? ProblemType.INVALID_TIME_WINDOW : ProblemType.INVALID_PARAMETER,
                detail,
                request,
                new HttpHeaders());
    }

    @ExceptionHandler({IOException.class, UncheckedIOException.class})
    ResponseEntity<Object> unreachable(Exception e, HttpServletRequest request) {
        return unavailable(new StoreUnavailableException("Elasticsearch call failed", e, false), request);
    }

    @ExceptionHandler(ElasticsearchException.class)
    ResponseEntity<Object> elasticsearch(ElasticsearchException e, HttpServletRequest request) {
        String type = e.error() == null ? null : e.error().type();
        if (StoreErrors.isStoreState(e.status(), type)) {
            return unavailable(
                    new StoreUnavailableException(
                            "Elasticsearch call failed", e, "index_not_found_exception".equals(type)),
                    request);
        }
        return rejected(new StoreRejectedException("Elasticsearch refused our request: " + type), e, request);
    }

    @ExceptionHandler(StoreRejectedException.class)
    ResponseEntity<Object> rejected(StoreRejectedException e, HttpServletRequest request) {
        return rejected(e, e, request);
    }

    private ResponseEntity<Object> rejected(StoreRejectedException e, Exception cause, HttpServletRequest request) {
        log.error(
                "{} {}: {} (a bug of this service)",
                request.getMethod(),
                request.getRequestURI(),
                e.getMessage(),
                cause);
        return problem(ProblemType.INTERNAL, "An unexpected error occurred.", request, new HttpHeaders());
    }

    /** A Content-Type or Accept header that is not a media type at all (e.g. a wildcard as Content-Type). */
    @ExceptionHandler(InvalidMediaTypeException.class)
    ResponseEntity<Object> invalidMediaType(InvalidMediaTypeException e, HttpServletRequest request) {
        return problem(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "Send the body as Content-Type: application/json.",
                request,
                new HttpHeaders());
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<Object> unavailable(StoreUnavailableException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        if (e.contractMissing()) {
            log.warn(
                    "{} {}: the index contract is not installed yet (the ingestor installs it)",
                    request.getMethod(),
                    request.getRequestURI());
            return problem(
                    ProblemType.CONTRACT_NOT_INSTALLED,
                    "The data store is not initialised yet; retry later.",
                    request,
                    headers);
        }
        log.warn("{} {}: Elasticsearch unavailable", request.getMethod(), request.getRequestURI(), e.getCause());
        return problem(ProblemType.STORE_UNAVAILABLE, "The data store is unavailable; retry later.", request, headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return problem(ProblemType.INTERNAL, "An unexpected error occurred.", request, new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(
                ProblemType.MISSING_PARAMETER, "'" + e.getParameterName() + "' is required", path(request), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ProblemType.INVALID_BODY, BodyErrors.detail(e), path(request), headers);
    }

    /**
     * Written here rather than returned: the caller's Accept header is what failed, so content negotiation would
     * fail again for the problem itself and leave the body empty.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletResponse response = ((ServletWebRequest) request).getResponse();
        if (response == null || response.isCommitted()) {
            return null;
        }
        try {
            response.setStatus(HttpStatus.NOT_ACCEPTABLE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(
                    response.getOutputStream(),
                    ProblemBodies.of(
                            ProblemType.NOT_ACCEPTABLE,
                            "This endpoint answers application/json (and text/csv for a campaign report).",
                            path(request)));
        } catch (IOException ignored) {
            // the client is gone
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> "'" + f.getField() + "' " + f.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(ProblemType.INVALID_BODY, detail, path(request), headers);
    }

    /** Everything else Spring MVC raises: keep its status and detail, give it one of our types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemType type;
        if (e instanceof NoResourceFoundException) {
            type = ProblemType.NOT_FOUND;
        } else if (e instanceof HttpRequestMethodNotSupportedException) {
            type = ProblemType.METHOD_NOT_ALLOWED;
        } else if (e instanceof HttpMediaTypeNotAcceptableException) {
            type = ProblemType.NOT_ACCEPTABLE;
        } else if (e instanceof HttpMediaTypeNotSupportedException) {
            type = ProblemType.UNSUPPORTED_MEDIA_TYPE;
        } else {
            type = status.is4xxClientError() ? ProblemType.INVALID_BODY : ProblemType.INTERNAL;
        }
        String detail = type == ProblemType.INVALID_BODY
                ? "The request body is not valid JSON for this endpoint."
                : type.title();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setInstance(URI.create(path(request)));
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static ResponseEntity<Object> problem(
            ProblemType type, String detail, HttpServletRequest request, HttpHeaders headers) {
        return problem(type, detail, request.getRequestURI(), headers);
    }

    private static ResponseEntity<Object> problem(ProblemType type, String detail, String path, HttpHeaders headers) {
        return ResponseEntity.status(type.status()).headers(headers).body(ProblemBodies.of(type, detail, path));
    }

    private static String path(WebRequest request) {
        return request.getDescription(false).replaceFirst("^uri=", "");
    }
}
