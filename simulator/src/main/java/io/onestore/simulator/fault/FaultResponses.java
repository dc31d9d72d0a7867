package io.onestore.simulator.fault;

import io.onestore.simulator.limit.LimitResponses;
import io.onestore.simulator.web.Family;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.web.Responses;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What each fault looks like on the wire. */
final class FaultResponses {

    static final String LOGIN_PAGE =
            """
            <!DOCTYPE html>
            <html lang="en" class="no-js not-logged-in client-root">
            <head><meta charset="utf-8"><title>Login • Instagram</title></head>
            <body><div id="react-root"><form id="loginForm" method="post" action="/accounts/login/ajax/">
            <input name="username" aria-label="Phone number, username, or email"><input name="password" type="password">
            <button type="submit">Log in</button></form></div></body>
            </html>
            """;

    private static final int[] GRAPH_LIMIT_CODES = {4, 17, 32, 613};
    private static final HttpStatus[] SERVER_ERRORS = {
        HttpStatus.INTERNAL_SERVER_ERROR, HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE
    };

    private FaultResponses() {}

    static Mono<Void> apply(
            FaultInjector.Draw draw, Family family, long nowSecond, ServerWebExchange exchange, WebFilterChain chain) {
        double detail = draw.detail();
        return switch (draw.mode()) {
            case SERVER_ERROR -> serverError(exchange, family, SERVER_ERRORS[(int) (detail * SERVER_ERRORS.length)]);
            case RATE_LIMIT -> rateLimit(exchange, family, detail, nowSecond);
            case LOGIN_HTML -> Responses.write(exchange, HttpStatus.OK, MediaType.TEXT_HTML, LOGIN_PAGE);
            case LOGIN_REDIRECT -> {
                String next = exchange.getRequest().getPath().value();
                exchange.getResponse().setStatusCode(HttpStatus.FOUND);
                exchange.getResponse()
                        .getHeaders()
                        .setLocation(
                                URI.create("/accounts/login/?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
                yield exchange.getResponse().setComplete();
            }
            case PLEASE_WAIT ->
                Responses.json(
                        exchange,
                        HttpStatus.UNAUTHORIZED,
                        Json.object(
                                "message", "Please wait a few minutes before you try again.",
                                "require_login", true,
                                "status", "fail"));
            case CHECKPOINT ->
                Responses.json(
                        exchange,
                        HttpStatus.BAD_REQUEST,
                        Json.object(
                                "message", "checkpoint_required",
                                "checkpoint_url", "https://www.instagram.com/challenge/?next=/api/v1/",
                                "lock", true,
                                "flow_render_type", 0,
                                "status", "fail"));
            case MALFORMED_JSON ->
                chain.filter(exchange.mutate()
                        .response(new Rewriting(exchange.getResponse(), FaultResponses::malformed))
                        .build());
            case TRUNCATED_JSON ->
                chain.filter(exchange.mutate()
                        .response(new Rewriting(exchange.getResponse(), FaultResponses::truncated))
                        .build());
        };
    }

    private static Mono<Void> serverError(ServerWebExchange exchange, Family family, HttpStatus status) {
        if (family == Family.INSTAGRAM_GRAPH) {
            return Responses.json(
                    exchange,
                    status,
                    LimitResponses.graphErrorBody(
                            "An unexpected error has occurred. Please retry your request later.",
                            "OAuthException",
                            2,
                            null,
                            true));
        }
        if (family == Family.TIKTOK) {
            return Responses.json(
                    exchange,
                    status,
                    LimitResponses.tiktokError("internal_error", "Something went wrong. Please try again later."));
        }
        if (family == Family.X) {
            return Responses.json(
                    exchange,
                    status,
                    Json.object("title", status.getReasonPhrase(), "type", "about:blank", "status", status.value()));
        }
        return Responses.write(
                exchange,
                status,
                MediaType.TEXT_HTML,
                "<html><body><h1>" + status.value() + " " + status.getReasonPhrase() + "</h1></body></html>\n");
    }

    private static Mono<Void> rateLimit(ServerWebExchange exchange, Family family, double detail, long nowSecond) {
        return switch (family) {
            case INSTAGRAM_GRAPH ->
                LimitResponses.graphError(exchange, GRAPH_LIMIT_CODES[(int) (detail * GRAPH_LIMIT_CODES.length)]);
            case X -> {
                var headers = exchange.getResponse().getHeaders();
                headers.set("x-rate-limit-limit", "450");
                headers.set("x-rate-limit-remaining", "0");
                headers.set("x-rate-limit-reset", String.valueOf(nowSecond + 900));
                yield LimitResponses.xTooManyRequests(exchange);
            }
            case TIKTOK -> LimitResponses.tiktokTooManyRequests(exchange, 60);
            case MASTODON -> LimitResponses.mastodonTooManyRequests(exchange, 300, nowSecond + 300);
            default -> LimitResponses.instagramTooManyRequests(exchange, 60 + (long) (detail * 240));
        };
    }

    /** Facebook's anti-JSON-hijacking prefix in front of the real body: looks like JSON to a human, not a parser. */
    private static byte[] malformed(byte[] body) {
        byte[] prefix = "for (;;);".getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    private static byte[] truncated(byte[] body) {
        return Arrays.copyOf(body, body.length / 2);
    }

    /** Lets the controller write its real body, then rewrites it. */
    private static final class Rewriting extends ServerHttpResponseDecorator {

        private final UnaryOperator<byte[]> rewrite;

        Rewriting(ServerHttpResponse delegate, UnaryOperator<byte[]> rewrite) {
            super(delegate);
            this.rewrite = rewrite;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(Flux.from(body)).flatMap(buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                byte[] rewritten = rewrite.apply(bytes);
                getDelegate().getHeaders().setContentLength(rewritten.length);
                return super.writeWith(Mono.just(bufferFactory().wrap(rewritten)));
            });
        }
    }
}
