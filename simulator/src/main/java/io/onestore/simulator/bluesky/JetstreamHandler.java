package io.onestore.simulator.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.config.SimulatorProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Jetstream's {@code /subscribe}: with {@code cursor} (microseconds) the events after it are replayed first, from no
 * further back than {@code replay-window}, then live events follow as the simulated clock moves; without a cursor the
 * stream starts live. {@code wantedCollections} (repeated) keeps only those collections' commits, as Jetstream does;
 * without it every event goes out. Events go out only as fast as the client reads them (the WebSocket's own backpressure), and with
 * {@code drop-every} the connection is closed after that many events, as a real endpoint's restarts close it.
 */
public final class JetstreamHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(JetstreamHandler.class);

    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * Simulated seconds built at once. Small: a busy world (tens of thousands of posts an hour, each liked within the
     * engagement window) makes thousands of events a simulated second, and a reader behind live gets full chunks, so
     * ten minutes of them at once filled the heap.
     */
    private static final int CHUNK_SECONDS = 10;

    private final JetstreamEvents events;
    private final SimulatorProperties.Jetstream settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong sessions = new AtomicLong();

    public JetstreamHandler(JetstreamEvents events, SimulatorProperties.Jetstream settings, Clock clock) {
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        var query = UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri())
                .build()
                .getQueryParams();
        String cursor = query.getFirst("cursor");
        List<String> wanted = query.getOrDefault("wantedCollections", List.of());
        long nowUs = nowUs();
        long oldest = nowUs - settings.replayWindow().toNanos() / 1000;
        long start = cursor == null ? nowUs : Math.max(parse(cursor, nowUs), oldest);
        AtomicLong position = new AtomicLong(start);
        long id = sessions.incrementAndGet();
        log.debug("s{} cursor {} starts at {} (now {})", id, cursor, start, nowUs);
        // In chunks of simulated time, so a day of replay (or a busy minute) is never built in memory at once.
        Flux<JetstreamEvents.Event> stream = Flux.defer(() -> {
                    long from = position.get();
                    long now = nowUs();
                    long to = Math.min(now, from + CHUNK_SECONDS * 1_000_000L);
                    var chunk = events.between(from, to, Math.floorDiv(now, 1_000_000));
                    position.set(to);
                    log.debug("s{} chunk ({}, {}]: {} events, now {}", id, from, to, chunk.size(), now);
                    return to < now
                            ? Flux.fromIterable(chunk)
                            : Flux.fromIterable(chunk)
                                    .concatWith(Mono.delay(POLL).then(Mono.empty()));
                })
                .repeat();
        if (!wanted.isEmpty()) {
            stream = stream.filter(e -> wanted.contains(e.collection()));
        }
        if (settings.dropEvery() > 0) {
            stream = stream.take(settings.dropEvery());
        }
        long[] sent = {0, Long.MIN_VALUE, Long.MIN_VALUE};
        stream = stream.doOnNext(e -> {
                    if (sent[0]++ == 0) {
                        sent[1] = e.timeUs();
                    }
                    sent[2] = e.timeUs();
                })
                .doFinally(signal ->
                        log.debug("s{} ends ({}): {} events sent, {}..{}", id, signal, sent[0], sent[1], sent[2]));
        return session.send(stream.map(e -> session.textMessage(text(e))));
    }

    private long nowUs() {
        return clock.millis() * 1000;
    }

    private String text(JetstreamEvents.Event event) {
        try {
            return json.writeValueAsString(event.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long parse(String cursor, long fallback) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
