package io.onestore.ingestor.source.instagram.legacy;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET {base}/explore/tags/{tag}/?__a=1[&max_id=cursor]}: a hashtag's recent feed, page by page, and its top
 * posts. The session goes in the {@code sessionid} cookie, as a logged-in browser sends it.
 */
public final class LegacyTagClient {

    private final InstagramExchange exchange;

    public LegacyTagClient(InstagramExchange exchange) {
        this.exchange = exchange;
    }

    /** @param cursor the previous page's end cursor; null for the first page */
    public Mono<FetchOutcome<LegacyTagPage>> page(String tag, String cursor, Account account) {
        return exchange.get(
                "tag",
                uri -> {
                    uri.path("/explore/tags/{tag}/").queryParam("__a", 1);
                    if (cursor != null) {
                        uri.queryParam("max_id", "{cursor}");
                    }
                    return cursor == null ? uri.build(tag) : uri.build(tag, cursor);
                },
                headers -> headers.add("Cookie", "sessionid=" + account.token()),
                LegacyTagPage::from);
    }
}
