package io.onestore.simulator.tiktok;

import io.onestore.simulator.web.Json;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v2/oauth/token/} with {@code client_key}, {@code client_secret} and
 * {@code grant_type=client_credentials} (form encoded) → {@code {access_token, expires_in, token_type}}. Any
 * non-blank key and secret is a client; the token is valid for {@code limits.tiktok.token-lifetime} of simulated time.
 */
@RestController
class TikTokTokenController {

    private final ResearchClients clients;
    private final Clock clock;

    TikTokTokenController(ResearchClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    // WebFlux binds form bodies through the exchange, not @RequestBody.
    @PostMapping(path = "/v2/oauth/token/", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> token(ServerWebExchange exchange) {
        return exchange.getFormData().map(this::token);
    }

    private ResponseEntity<Map<String, Object>> token(MultiValueMap<String, String> form) {
        String key = form.getFirst("client_key");
        String secret = form.getFirst("client_secret");
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return error("invalid_grant", "grant_type must be client_credentials");
        }
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return error("invalid_client", "Client key or secret is incorrect.");
        }
        ResearchClients.Issue issue = clients.issue(key, clock.instant());
        return ResponseEntity.ok(Json.object(
                "access_token", issue.token(), "expires_in", issue.expiresInSeconds(), "token_type", "Bearer"));
    }

    private static ResponseEntity<Map<String, Object>> error(String code, String description) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Json.object(
                        "error", code,
                        "error_description", description,
                        "log_id", "2026SIM" + Integer.toHexString(code.hashCode())));
    }
}
