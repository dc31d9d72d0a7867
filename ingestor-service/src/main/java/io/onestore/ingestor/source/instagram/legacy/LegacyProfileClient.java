package io.onestore.ingestor.source.instagram.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.ingestor.source.instagram.ProfileUser;
import reactor.core.publisher.Mono;

/** {@code GET {base}/{handle}/?__a=1} → {@code graphql.user}: a profile and its latest timeline media. */
public final class LegacyProfileClient {

    private final InstagramExchange exchange;

    public LegacyProfileClient(InstagramExchange exchange) {
        this.exchange = exchange;
    }

    public Mono<FetchOutcome<ProfileUser>> profile(String handle, Account account) {
        return exchange.get(
                "profile",
                uri -> uri.path("/{handle}/").queryParam("__a", 1).build(handle),
                headers -> headers.add("Cookie", "sessionid=" + account.token()),
                (JsonNode root) -> ProfileUser.from(root.path("graphql").path("user")));
    }
}
