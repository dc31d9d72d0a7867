package io.onestore.ingestor.source.instagram.graph;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.ingestor.source.instagram.JsonFields;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * {@code GET /ig_hashtag_search?user_id=&q=} → {@code {data:[{id}]}}. Hashtag ids are global and never change, so
 * each is searched once per process and cached; the cache is a concurrent map because fetches of different targets
 * run in parallel.
 */
public final class GraphHashtagSearchClient {

    private final InstagramExchange exchange;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    public GraphHashtagSearchClient(InstagramExchange exchange) {
        this.exchange = exchange;
    }

    public Optional<String> cached(String tag) {
        return Optional.ofNullable(ids.get(tag));
    }

    public Mono<FetchOutcome<String>> hashtagId(String tag, Account account) {
        String known = ids.get(tag);
        if (known != null) {
            return Mono.just(FetchOutcome.ok(known));
        }
        return exchange.<String>get(
                        "hashtag_search",
                        uri -> uri.path("/ig_hashtag_search")
                                .queryParam("user_id", "{user}")
                                .queryParam("q", "{tag}")
                                .queryParam("access_token", "{token}")
                                .build(account.igUserId(), tag, account.token()),
                        headers -> {},
                        root -> {
                            if (!root.path("data").isArray()) {
                                throw new IllegalArgumentException("no data array");
                            }
                            return root.path("data").isEmpty()
                                    ? ""
                                    : JsonFields.requiredText(root.path("data").path(0), "id");
                        })
                .map(outcome -> {
                    if (outcome instanceof FetchOutcome.Ok<String> ok) {
                        if (ok.value().isEmpty()) {
                            return new FetchOutcome.Rejected<String>("hashtag unknown to the Graph API");
                        }
                        ids.put(tag, ok.value());
                    }
                    return outcome;
                });
    }
}
