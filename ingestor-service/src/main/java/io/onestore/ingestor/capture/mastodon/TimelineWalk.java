package io.onestore.ingestor.capture.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.mastodon.MastodonTimelineClient;
import io.onestore.ingestor.source.mastodon.TimelinePage;
import io.onestore.ingestor.source.mastodon.TimelineQuery;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import reactor.core.publisher.Mono;

/**
 * Reads one tag on one server from its cursor: forward with {@code min_id} (the page immediately newer than the
 * cursor, so nothing between two reads is skipped however busy the tag) until a short page or the page budget; with
 * no cursor yet, the newest page and then {@code backfillPages} older ones with {@code max_id}. A budget that runs out
 * leaves the rest for the next capture, which starts where this one stopped: lag, never a gap.
 */
final class TimelineWalk {

    private final MastodonTimelineClient client;
    private final int limit;
    private final int maxPages;
    private final int backfillPages;
    private final BiConsumer<URI, TimelinePage> onPage;

    /** @param onPage sees every page read (the fetcher keeps each server's rate-limit headers from it) */
    TimelineWalk(
            MastodonTimelineClient client,
            int limit,
            int maxPages,
            int backfillPages,
            BiConsumer<URI, TimelinePage> onPage) {
        this.client = client;
        this.limit = limit;
        this.maxPages = maxPages;
        this.backfillPages = backfillPages;
        this.onPage = onPage;
    }

    Mono<ServerRead> read(URI server, String tag, String cursor) {
        if (cursor == null) {
            return client.page(TimelineQuery.newest(server, tag, limit)).flatMap(outcome -> {
                ServerRead first = next(new ServerRead(server, List.of(), null, null, 0), outcome, true);
                String oldest = oldestId(first.statuses());
                return first.failure() != null
                                || oldest == null
                                || first.statuses().size() < limit
                        ? Mono.just(first)
                        : back(first, tag, oldest, backfillPages);
            });
        }
        return forward(new ServerRead(server, List.of(), cursor, null, 0), tag, maxPages);
    }

    private Mono<ServerRead> forward(ServerRead sofar, String tag, int pagesLeft) {
        if (pagesLeft == 0) {
            return Mono.just(sofar.spent()); // the last page was full: more is waiting
        }
        return client.page(TimelineQuery.after(sofar.server(), tag, sofar.cursor(), limit))
                .flatMap(outcome -> {
                    ServerRead read = next(sofar, outcome, true);
                    boolean full = outcome instanceof FetchOutcome.Ok<TimelinePage> ok
                            && ok.value().statuses().size() >= limit;
                    return read.failure() == null && full ? forward(read, tag, pagesLeft - 1) : Mono.just(read);
                });
    }

    private Mono<ServerRead> back(ServerRead sofar, String tag, String maxId, int pagesLeft) {
        if (pagesLeft == 0) {
            return Mono.just(sofar);
        }
        return client.page(TimelineQuery.before(sofar.server(), tag, maxId, limit))
                .flatMap(outcome -> {
                    ServerRead read = next(sofar, outcome, false);
                    String oldest = outcome instanceof FetchOutcome.Ok<TimelinePage> ok
                            ? oldestId(ok.value().statuses())
                            : null;
                    boolean full = outcome instanceof FetchOutcome.Ok<TimelinePage> ok
                            && ok.value().statuses().size() >= limit;
                    return read.failure() == null && full && oldest != null
                            ? back(read, tag, oldest, pagesLeft - 1)
                            : Mono.just(read);
                });
    }

    /** Adds a page to what was read; {@code advances} when the page may hold ids newer than the cursor. */
    private ServerRead next(ServerRead sofar, FetchOutcome<TimelinePage> outcome, boolean advances) {
        if (!(outcome instanceof FetchOutcome.Ok<TimelinePage> ok)) {
            return new ServerRead(sofar.server(), sofar.statuses(), sofar.cursor(), outcome, sofar.pages());
        }
        onPage.accept(sofar.server(), ok.value());
        List<JsonNode> statuses = new ArrayList<>(sofar.statuses());
        statuses.addAll(ok.value().statuses());
        String cursor = sofar.cursor();
        if (advances) {
            for (JsonNode status : ok.value().statuses()) {
                cursor = newer(cursor, status.path("id").asText(null));
            }
        }
        return new ServerRead(sofar.server(), statuses, cursor, null, sofar.pages() + 1);
    }

    private static String oldestId(List<JsonNode> statuses) {
        String oldest = null;
        for (JsonNode status : statuses) {
            String id = status.path("id").asText(null);
            if (id != null && (oldest == null || compareIds(id, oldest) < 0)) {
                oldest = id;
            }
        }
        return oldest;
    }

    private static String newer(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return compareIds(a, b) >= 0 ? a : b;
    }

    /**
     * Mastodon ids are decimal strings of 64-bit integers, ordered by time; compared as numbers (a longer id is larger),
     * never as text, where "9" would sort after "10".
     */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
