package io.onestore.ingestor.source.instagram.web;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.ingestor.source.instagram.ProfileUser;
import reactor.core.publisher.Mono;

/** {@code GET {base}/api/v1/users/web_profile_info/?username=} → {@code data.user}, the GraphQL user shape. */
public final class WebProfileClient {

    private final InstagramExchange exchange;
    private final WebHeaders headers;

    public WebProfileClient(InstagramExchange exchange, WebHeaders headers) {
        this.exchange = exchange;
        this.headers = headers;
    }

    public Mono<FetchOutcome<ProfileUser>> profile(String handle, Account account) {
        return exchange.get(
                "profile",
                uri -> uri.path("/api/v1/users/web_profile_info/")
                        .queryParam("username", "{handle}")
                        .build(handle),
                h -> headers.apply(h, account),
                root -> ProfileUser.from(root.path("data").path("user")));
    }
}
