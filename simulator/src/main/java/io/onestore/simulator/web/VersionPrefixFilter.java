package io.onestore.simulator.web;

import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** The Graph API is called as {@code /v21.0/ig_hashtag_search} or without a version: serve both from one route. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class VersionPrefixFilter implements WebFilter {

    private static final Pattern VERSION = Pattern.compile("^/v\\d+\\.\\d+(?=/)");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        var matcher = VERSION.matcher(path);
        if (!matcher.find()) {
            return chain.filter(exchange);
        }
        String stripped = path.substring(matcher.end());
        return chain.filter(exchange.mutate()
                .request(exchange.getRequest().mutate().path(stripped).build())
                .build());
    }
}
