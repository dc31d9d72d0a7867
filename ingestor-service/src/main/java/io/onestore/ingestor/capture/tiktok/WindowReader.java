package io.onestore.ingestor.capture.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.tiktok.TikTokResearchClient;
import io.onestore.ingestor.source.tiktok.VideoPage;
import io.onestore.ingestor.source.tiktok.VideoQuery;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Pages through one query window with {@code cursor} and {@code search_id} (every page after the first sends the
 * search id the first answered, so the pages belong to one fixed result set) until {@code has_more} is false, the
 * page budget is spent or a page fails.
 */
final class WindowReader {

    private final TikTokResearchClient client;
    private final int maxCount;

    WindowReader(TikTokResearchClient client, int maxCount) {
        this.client = client;
        this.maxCount = maxCount;
    }

    /** Reads from {@code query} (a first page, or a resumed cursor and search id) at most {@code pages} pages. */
    Mono<WindowRead> read(String spender, VideoQuery query, int pages) {
        return next(spender, query, new WindowRead(List.of(), 0, false, null, query.cursor(), query.searchId()), pages);
    }

    private Mono<WindowRead> next(String spender, VideoQuery query, WindowRead sofar, int pagesLeft) {
        if (pagesLeft <= 0) {
            return Mono.just(sofar);
        }
        return client.videos(spender, query, maxCount).flatMap(outcome -> {
            if (!(outcome instanceof FetchOutcome.Ok<VideoPage> ok)) {
                return Mono.just(new WindowRead(
                        sofar.videos(), sofar.pages(), false, outcome, sofar.cursor(), sofar.searchId()));
            }
            VideoPage page = ok.value();
            List<JsonNode> videos = new ArrayList<>(sofar.videos());
            videos.addAll(page.videos());
            String searchId = page.searchId() != null ? page.searchId() : sofar.searchId();
            // A page that promises more but does not move the cursor would be asked for again and again.
            if (page.hasMore() && page.cursor() <= query.cursor()) {
                return Mono.just(new WindowRead(
                        videos,
                        sofar.pages() + 1,
                        false,
                        new FetchOutcome.Transient<>("has_more without a cursor that advances"),
                        sofar.cursor(),
                        searchId));
            }
            WindowRead read = new WindowRead(videos, sofar.pages() + 1, !page.hasMore(), null, page.cursor(), searchId);
            return read.complete()
                    ? Mono.just(read)
                    : next(spender, query.next(page.cursor(), searchId), read, pagesLeft - 1);
        });
    }
}
