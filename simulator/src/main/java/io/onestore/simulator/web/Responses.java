package io.onestore.simulator.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes a complete response from a filter, outside any controller. */
public final class Responses {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Responses() {}

    public static Mono<Void> json(ServerWebExchange exchange, HttpStatus status, Object body) {
        try {
            return write(exchange, status, MediaType.APPLICATION_JSON, MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable simulator body", e);
        }
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, MediaType type, String body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(type);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
