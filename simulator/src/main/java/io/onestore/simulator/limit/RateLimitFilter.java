package io.onestore.simulator.limit;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.tiktok.ResearchClients;
import io.onestore.simulator.web.Family;
import io.onestore.simulator.web.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-token budgets of every upstream family, answered in that family's dialect ({@link LimitResponses}). A request
 * beyond the budget still counts, like upstream, so hammering a limited token keeps it limited.
 */
@Component
@Order(-50)
class RateLimitFilter implements WebFilter {

    private final SimulatorProperties.Limits limits;
    private final FixedWindowLimiter limiter;
    private final Clock clock;
    private final ResearchClients researchClients;

    RateLimitFilter(
            SimulatorProperties properties, FixedWindowLimiter limiter, Clock clock, ResearchClients researchClients) {
        this.limits = properties.limits();
        this.limiter = limiter;
        this.clock = clock;
        this.researchClients = researchClients;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Family family = Family.of(exchange.getRequest());
        if (family == Family.OWN) {
            return chain.filter(exchange);
        }
        Optional<String> token = Tokens.of(exchange.getRequest());
        long now = clock.millis();
        long nowSecond = now / 1000;
        HttpHeaders headers = exchange.getResponse().getHeaders();
        switch (family) {
            case INSTAGRAM_LEGACY, INSTAGRAM_WEB -> {
                var decision = token.isPresent()
                        ? limiter.acquire(
                                "ig:" + token.get(),
                                limits.web().requests(),
                                limits.web().window(),
                                now)
                        : limiter.acquire(
                                "ig-anonymous",
                                limits.anonymous().requests(),
                                limits.anonymous().window(),
                                now);
                if (!decision.allowed()) {
                    return LimitResponses.instagramTooManyRequests(exchange, decision.retryAfterSeconds(nowSecond));
                }
            }
            case INSTAGRAM_GRAPH -> {
                if (token.isEmpty()) {
                    return LimitResponses.graphMissingToken(exchange);
                }
                var user = limiter.acquire(
                        "graph:" + token.get(), limits.graph().callsPerHour(), Duration.ofHours(1), now);
                var app = limiter.acquire("graph-app", limits.graph().appCallsPerHour(), Duration.ofHours(1), now);
                headers.set("X-App-Usage", LimitResponses.appUsage(app));
                headers.set("X-Business-Use-Case-Usage", LimitResponses.businessUsage(user, nowSecond));
                if (!app.allowed()) {
                    return LimitResponses.graphError(exchange, 4);
                }
                if (!user.allowed()) {
                    return LimitResponses.graphError(exchange, 17);
                }
            }
            case X -> {
                if (token.isEmpty()) {
                    return LimitResponses.xUnauthorized(exchange);
                }
                var decision = limiter.acquire(
                        "x:" + token.get(), limits.x().requests(), limits.x().window(), now);
                headers.set("x-rate-limit-limit", String.valueOf(decision.limit()));
                headers.set("x-rate-limit-remaining", String.valueOf(decision.remaining()));
                headers.set("x-rate-limit-reset", String.valueOf(decision.resetEpochSecond()));
                if (!decision.allowed()) {
                    return LimitResponses.xTooManyRequests(exchange);
                }
            }
            case TIKTOK -> {
                if (exchange.getRequest().getPath().value().startsWith("/v2/oauth/")) {
                    return chain.filter(exchange);
                }
                Optional<String> client = token.flatMap(t -> researchClients.clientOf(t, clock.instant()));
                if (client.isEmpty()) {
                    return LimitResponses.tiktokUnauthorized(exchange);
                }
                if (!researchClients.request(client.get(), clock.instant()).allowed()) {
                    return LimitResponses.tiktokDailyQuota(exchange, ResearchClients.secondsToReset(clock.instant()));
                }
            }
            case MASTODON -> {
                // Mastodon limits anonymous calls per client address and says so on every answer, reset as ISO time.
                var address = exchange.getRequest().getRemoteAddress();
                var decision = limiter.acquire(
                        "mastodon:"
                                + (address == null ? "?" : address.getAddress().getHostAddress()),
                        limits.mastodon().requests(),
                        limits.mastodon().window(),
                        now);
                LimitResponses.mastodonHeaders(
                        headers, decision.limit(), decision.remaining(), decision.resetEpochSecond());
                if (!decision.allowed()) {
                    return LimitResponses.mastodonTooManyRequests(
                            exchange, decision.limit(), decision.resetEpochSecond());
                }
            }
            case BLUESKY_APPVIEW -> {
                var address = exchange.getRequest().getRemoteAddress();
                var decision = limiter.acquire(
                        "appview:"
                                + (address == null ? "?" : address.getAddress().getHostAddress()),
                        limits.appview().requests(),
                        limits.appview().window(),
                        now);
                LimitResponses.appViewHeaders(
                        headers, decision.limit(), decision.remaining(), decision.resetEpochSecond(), limits.appview());
                if (!decision.allowed()) {
                    return LimitResponses.appViewTooManyRequests(exchange);
                }
            }
            default -> {}
        }
        return chain.filter(exchange);
    }
}
