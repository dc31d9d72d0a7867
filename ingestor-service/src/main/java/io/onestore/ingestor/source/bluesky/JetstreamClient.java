package io.onestore.ingestor.source.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A subscription to one Jetstream endpoint ({@code /subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=
 * app.bsky.feed.like&wantedCollections=app.bsky.feed.repost&cursor=…}) over
 * Spring's reactive WebSocket client on Reactor Netty. The caller's pipeline runs on the session's own flux, so events
 * are read only as fast as the pipeline requests them: frames wait in the socket and TCP slows the server down, and a
 * burst costs no memory here. A frame that is not a JSON event with a {@code time_us} is skipped. The returned Mono
 * completes when the server closes the connection and errors when it fails; reconnecting is the caller's.
 */
public final class JetstreamClient {

    private final WebSocketClient sockets;
    private final ObjectMapper json;
    private final String userAgent;

    public JetstreamClient(WebSocketClient sockets, ObjectMapper json, String userAgent) {
        this.sockets = sockets;
        this.json = json;
        this.userAgent = userAgent;
    }

    /**
     * @param cursor {@code time_us} to replay from; null for live events only
     * @param pipeline what to do with the events; its completion ends the subscription
     */
    public Mono<Void> subscribe(URI endpoint, Long cursor, Function<Flux<JetstreamEvent>, Mono<Void>> pipeline) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.USER_AGENT, userAgent);
        return sockets.execute(
                uri(endpoint, cursor),
                headers,
                // mapNotNull keeps the pipeline's demand (a batch's worth) on the socket: a flatMap of one at a time
                // asked the socket for each frame alone.
                session -> pipeline.apply(session.receive().mapNotNull(this::parse)));
    }

    public static URI uri(URI endpoint, Long cursor) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(endpoint)
                .replaceQueryParam(
                        "wantedCollections", JetstreamEvent.POST, JetstreamEvent.LIKE, JetstreamEvent.REPOST);
        if (cursor != null) {
            builder.replaceQueryParam("cursor", cursor);
        }
        return builder.build().toUri();
    }

    /** The event, or null for a frame that is not one (skipped). */
    private JetstreamEvent parse(WebSocketMessage message) {
        try {
            return JetstreamEvent.of(json.readTree(message.getPayloadAsText()));
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
