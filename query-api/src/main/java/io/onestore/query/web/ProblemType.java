package io.onestore.query.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable {@code type} URIs of every error this API answers with (RFC 9457). Clients switch on the URI, so a
 * constant here is never renamed; new ones may be added.
 */
public enum ProblemType {
    INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter"),
    MISSING_PARAMETER("missing-parameter", HttpStatus.BAD_REQUEST, "Missing parameter"),
    INVALID_TIME_WINDOW("invalid-time-window", HttpStatus.BAD_REQUEST, "Invalid time window"),
    UNKNOWN_INTERVAL("unknown-interval", HttpStatus.BAD_REQUEST, "Unknown interval"),
    TOO_MANY_BUCKETS("too-many-buckets", HttpStatus.BAD_REQUEST, "Too many time buckets"),
    TOO_MANY_HASHTAGS("too-many-hashtags", HttpStatus.BAD_REQUEST, "Too many hashtags"),
    INVALID_HASHTAG("invalid-hashtag", HttpStatus.BAD_REQUEST, "Invalid hashtag"),
    LIMIT_OUT_OF_RANGE("limit-out-of-range", HttpStatus.BAD_REQUEST, "Limit out of range"),
    INVALID_BODY("invalid-body", HttpStatus.BAD_REQUEST, "Invalid request body"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Missing or invalid API key"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "API key lacks the required scope"),
    CAMPAIGN_NOT_FOUND("campaign-not-found", HttpStatus.NOT_FOUND, "Campaign not found"),
    TARGET_NOT_FOUND("target-not-found", HttpStatus.NOT_FOUND, "Target not found"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Concurrent update"),
    STORE_UNAVAILABLE("store-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Data store unavailable"),
    CONTRACT_NOT_INSTALLED("contract-not-installed", HttpStatus.SERVICE_UNAVAILABLE, "Indices not installed yet"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String BASE = "https://onestore.io/problems/";

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
