package io.onestore.query.web;

/**
 * A failure the caller can act on, carrying its problem type and a detail written for the caller. Never built from
 * an Elasticsearch message: those stay in the log.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;

    public ApiException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    public static ApiException invalid(ProblemType type, String detail) {
        return new ApiException(type, detail);
    }
}
