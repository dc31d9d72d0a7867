package io.onestore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP with JSON bodies, for Elasticsearch, the simulator's ground truth and the query-api alike. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, headers and the body parsed (a missing or non-JSON body is a JSON null / text node). */
    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /**
         * This answer when Elasticsearch (or the service) took the request (2xx); otherwise an {@link
         * IllegalStateException} naming it. For the reads a test compares: a refused search read as "no hits" would
         * look like a loss, or hide one.
         */
        Answer ok() {
            if (status < 200 || status >= 300) {
                throw new IllegalStateException("refused: " + raw.request().method() + " " + raw.uri() + " → " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private Json() {}

    static Answer get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    static Answer delete(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), headers);
    }

    static Answer put(String url, Object body, String... headers) {
        try {
            return send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))),
                    headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer post(String url, Object body, String... headers) {
        try {
            String json = body instanceof String s ? s : MAPPER.writeValueAsString(body);
            return send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)),
                    headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes every write Elasticsearch acknowledged to {@code indexUrl} (an index or alias URL) searchable, or throws.
     * Without a body: Elasticsearch refuses {@code _refresh} with one (400 "does not support having a body"), and a
     * refused refresh left the last second of writes out of the search that followed (issue 17's "newest posts
     * missing" at the end of the ledger's covered range, whose ledger, read by id, is always current).
     */
    static void refresh(String indexUrl) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(indexUrl + "/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody()))
                .ok();
        if (answer.body().path("_shards").path("failed").asInt() != 0) {
            throw new IllegalStateException("refresh of " + indexUrl + " failed on some shards: " + answer);
        }
    }

    private static Answer send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                body = MAPPER.getNodeFactory().textNode(response.body());
            }
            return new Answer(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
