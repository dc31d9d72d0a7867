package io.onestore.query.web;

import java.net.URI;
import org.springframework.http.ProblemDetail;

/** Builds problem bodies the same way for the advice and for the API-key filter, which runs before Spring MVC. */
public final class ProblemBodies {

    private ProblemBodies() {}

    public static ProblemDetail of(ProblemType type, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        return problem;
    }
}
