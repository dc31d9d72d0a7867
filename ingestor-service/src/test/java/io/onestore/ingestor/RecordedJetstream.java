package io.onestore.ingestor;

import io.onestore.ingestor.normalize.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Jetstream stand-in for tests: a Reactor Netty WebSocket server at {@code /subscribe} that replays recorded events
 * (one JSON per line) with {@code time_us} after the requested {@code cursor} (all of them without one, as if they
 * were live), then keeps the connection open; with {@link #dropAfter} it closes each connection after that many
 * events, and {@link #closeConnections} closes the open ones (a quiet recording would otherwise send nothing more,
 * where the real network never pauses). It remembers the cursor of every connection.
 */
final class RecordedJetstream implements AutoCloseable {

    private final List<String> events;
    private final List<Long> times = new ArrayList<>();
    private final List<Long> cursors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger dropAfter = new AtomicInteger();
    private volatile Sinks.One<Boolean> closeOpen = Sinks.one();
    private final DisposableServer server;

    RecordedJetstream(List<String> events) {
        this.events = events;
        events.forEach(e -> times.add(Fixtures.parse(e).path("time_us").asLong()));
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get(
                        "/subscribe",
                        (request, response) -> response.sendWebsocket((in, out) -> {
                            String uri = request.uri();
                            String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
                            Long cursor = null;
                            for (String pair : query.split("&")) {
                                if (pair.startsWith("cursor=")) {
                                    cursor = Long.valueOf(pair.substring("cursor=".length()));
                                }
                            }
                            cursors.add(cursor);
                            List<String> after = new ArrayList<>();
                            for (int i = 0; i < events.size(); i++) {
                                if (cursor == null || times.get(i) > cursor) {
                                    after.add(events.get(i));
                                }
                            }
                            int drop = dropAfter.getAndSet(0);
                            Sinks.One<Boolean> closer = closeOpen;
                            Flux<String> frames = drop > 0
                                    ? Flux.fromIterable(after).take(drop)
                                    : Flux.fromIterable(after).concatWith(Flux.never());
                            return out.sendString(frames.takeUntilOther(closer.asMono()))
                                    .then();
                        })))
                .bindNow();
    }

    String url() {
        return "ws://127.0.0.1:" + server.port() + "/subscribe";
    }

    /** The next connection is closed after {@code events} events; later ones are not. */
    void dropAfter(int events) {
        dropAfter.set(events);
    }

    /** Closes every open connection (after the events it sent); new ones are served as before. */
    void closeConnections() {
        Sinks.One<Boolean> open = closeOpen;
        closeOpen = Sinks.one();
        open.tryEmitValue(Boolean.TRUE);
    }

    void reset() {
        cursors.clear();
        dropAfter.set(0);
    }

    /** The cursor each connection asked for, null for a live start. */
    List<Long> cursors() {
        synchronized (cursors) {
            return new ArrayList<>(cursors);
        }
    }

    /** Events recorded. */
    int size() {
        return events.size();
    }

    long timeUs(int index) {
        return times.get(index);
    }

    Long lastTimeUs() {
        return times.get(times.size() - 1);
    }

    String uriOf(String rkey) {
        for (String event : events) {
            var json = Fixtures.parse(event);
            if (rkey.equals(json.path("commit").path("rkey").asText())) {
                return "at://" + json.path("did").asText() + "/app.bsky.feed.post/" + rkey;
            }
        }
        throw new IllegalArgumentException(rkey);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
