package io.onestore.ingestor.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: ready-made {@code _bulk} bodies (written to disk before the clock starts) posted by two workers, each
 * on its own keep-alive connection, as fast as Elasticsearch answers. What a user with a script and the final
 * documents in hand would do; no read, no merge, no guard.
 */
final class RawBulk implements AutoCloseable {

    static final int CONNECTIONS = 2;

    private final URI bulk;
    private final List<HttpClient> clients = new ArrayList<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);

    RawBulk(String elasticsearchUrl) {
        this.bulk = URI.create(elasticsearchUrl + "/_bulk");
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.add(
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }
    }

    /** Posts every body once; throws when Elasticsearch refuses a request or an item. */
    void post(List<Path> bodies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (HttpClient client : clients) {
            done.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    send(client, bodies.get(i));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
    }

    private void send(HttpClient client, Path body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(bulk)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        // "errors" comes first in the answer; parsing it all would put our JSON parsing on the baseline's clock.
        String head = response.body().substring(0, Math.min(100, response.body().length()));
        if (response.statusCode() != 200 || !head.contains("\"errors\":false")) {
            throw new IllegalStateException("raw _bulk of " + body + " refused: " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }

    static long bytes(List<Path> bodies) throws IOException {
        long total = 0;
        for (Path body : bodies) {
            total += Files.size(body);
        }
        return total;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
