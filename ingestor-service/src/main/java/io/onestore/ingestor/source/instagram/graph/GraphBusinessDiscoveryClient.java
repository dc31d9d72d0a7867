package io.onestore.ingestor.source.instagram.graph;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /{ig-user-id}?fields=business_discovery.username(handle){…}}: another business or creator account's
 * public counts and latest media, seen through one of ours.
 */
public final class GraphBusinessDiscoveryClient {

    private final InstagramExchange exchange;
    private final int mediaLimit;

    public GraphBusinessDiscoveryClient(InstagramExchange exchange, int mediaLimit) {
        this.exchange = exchange;
        this.mediaLimit = mediaLimit;
    }

    public Mono<FetchOutcome<GraphBusinessProfile>> profile(String handle, Account account) {
        String fields = "business_discovery.username(" + handle + "){id,username,name,followers_count,follows_count,"
                + "media_count,media.limit(" + mediaLimit + "){" + GraphMedia.FIELDS + "}}";
        return exchange.get(
                "business_discovery",
                uri -> uri.path("/{user}")
                        .queryParam("fields", "{fields}")
                        .queryParam("access_token", "{token}")
                        .build(account.igUserId(), fields, account.token()),
                headers -> {},
                GraphBusinessProfile::from);
    }
}
