package io.onestore.query.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Replaces Tomcat's HTML error page for the requests Tomcat refuses before Spring sees them ({@code %2F} or
 * {@code %00} in the path, URLs over the header limit, malformed headers): every error answer of this API is
 * {@code application/problem+json}. The detail never repeats the request, which may hold anything.
 */
public class ProblemErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemType type = status == 404
                ? ProblemType.NOT_FOUND
                : status == 405
                        ? ProblemType.METHOD_NOT_ALLOWED
                        : status < 500 ? ProblemType.MALFORMED_REQUEST : ProblemType.INTERNAL;
        String detail = status < 500
                ? "The server could not read this request (its path, headers or size); nothing was done."
                : "An unexpected error occurred.";
        String body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was committed meanwhile: nothing left to tell it
        }
    }
}
