package io.onestore.simulator.fault;

import io.onestore.simulator.web.Family;
import java.time.Clock;
import java.time.Duration;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Injects the configured faults into upstream requests (never into the simulator's own endpoints). Runs before the
 * rate limits: a faulted request never reached the network's counters.
 */
@Component
@Order(-80)
class FaultFilter implements WebFilter {

    private final FaultInjector injector;
    private final Clock clock;

    FaultFilter(FaultInjector injector, Clock clock) {
        this.injector = injector;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Family family = Family.of(exchange.getRequest());
        FaultSettings settings = injector.settings();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (family == Family.OWN
                || family == Family.BLUESKY
                || !settings.any()
                || (settings.pathPrefix() != null && !path.startsWith(settings.pathPrefix()))) {
            return chain.filter(exchange);
        }
        Mono<Void> handled = Mono.defer(() -> injector.next(settings)
                .map(draw -> FaultResponses.apply(draw, family, clock.instant().getEpochSecond(), exchange, chain))
                .orElseGet(() -> chain.filter(exchange)));
        return settings.latencyMs() > 0
                ? Mono.delay(Duration.ofMillis(settings.latencyMs())).then(handled)
                : handled;
    }
}
