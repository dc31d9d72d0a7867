package io.onestore.ingestor.source.instagram.web;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET {base}/api/v1/tags/web_info/?tag_name=[&max_id=]}: a hashtag's top and recent sections, the recent
 * list paged by {@code max_id=<recent.next_max_id>}. (Instagram's own web app pages through a POST to
 * {@code /sections/}; the simulator and this client use the GET with {@code max_id}.)
 */
public final class WebTagClient {

    private final InstagramExchange exchange;
    private final WebHeaders headers;

    public WebTagClient(InstagramExchange exchange, WebHeaders headers) {
        this.exchange = exchange;
        this.headers = headers;
    }

    public Mono<FetchOutcome<WebTagInfo>> tag(String tag, Account account) {
        return tag(tag, null, account);
    }

    /** @param maxId the page's cursor; null for the first page */
    public Mono<FetchOutcome<WebTagInfo>> tag(String tag, String maxId, Account account) {
        return exchange.get(
                "tag",
                uri -> maxId == null
                        ? uri.path("/api/v1/tags/web_info/")
                                .queryParam("tag_name", "{tag}")
                                .build(tag)
                        : uri.path("/api/v1/tags/web_info/")
                                .queryParam("tag_name", "{tag}")
                                .queryParam("max_id", "{maxId}")
                                .build(tag, maxId),
                h -> headers.apply(h, account),
                WebTagInfo::from);
    }
}
