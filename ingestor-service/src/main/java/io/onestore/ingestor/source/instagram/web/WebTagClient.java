package io.onestore.ingestor.source.instagram.web;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET {base}/api/v1/tags/web_info/?tag_name=}: a hashtag's top and recent sections. One call per cycle: further
 * pages need the POST {@code /sections/} endpoint, which this adapter does not use.
 */
public final class WebTagClient {

    private final InstagramExchange exchange;
    private final WebHeaders headers;

    public WebTagClient(InstagramExchange exchange, WebHeaders headers) {
        this.exchange = exchange;
        this.headers = headers;
    }

    public Mono<FetchOutcome<WebTagInfo>> tag(String tag, Account account) {
        return exchange.get(
                "tag",
                uri -> uri.path("/api/v1/tags/web_info/")
                        .queryParam("tag_name", "{tag}")
                        .build(tag),
                h -> headers.apply(h, account),
                WebTagInfo::from);
    }
}
