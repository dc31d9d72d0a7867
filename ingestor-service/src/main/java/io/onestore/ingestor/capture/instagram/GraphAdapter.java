package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.ingestor.source.instagram.graph.GraphBusinessDiscoveryClient;
import io.onestore.ingestor.source.instagram.graph.GraphHashtagMediaClient;
import io.onestore.ingestor.source.instagram.graph.GraphHashtagMediaClient.Edge;
import io.onestore.ingestor.source.instagram.graph.GraphHashtagSearchClient;
import io.onestore.ingestor.source.instagram.graph.GraphMedia;
import io.onestore.ingestor.source.instagram.graph.GraphMediaPage;
import io.onestore.ingestor.source.instagram.graph.GraphRecentHashtagsClient;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Instagram Graph API for business accounts: hashtag search (ids cached), then {@code recent_media} and
 * {@code top_media} page by page; business discovery for profiles. Hashtag targets count against the account's 30
 * unique hashtags per 7 days, which the pool enforces; before the first fetch each account's
 * {@code recently_searched_hashtags} seeds its quota.
 */
public final class GraphAdapter implements InstagramAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphAdapter.class);

    /** Hashtag media pages hold at most 50 items; fewer, larger pages spare the 200-calls-per-hour budget. */
    private static final int MEDIA_PAGE_SIZE = SourceSettings.Mode.GRAPH.feedPageSize();
    /** Business discovery embeds the latest media; 25 covers a cycle of an active brand without paging. */
    private static final int PROFILE_MEDIA = 25;
    /** How far back {@code recent_media} reaches. */
    private static final Duration RECENT_WINDOW = Duration.ofHours(24);

    private final GraphHashtagSearchClient search;
    private final GraphHashtagMediaClient media;
    private final GraphBusinessDiscoveryClient discovery;
    private final PageWalker pages;
    private final Mono<Void> seeded;

    public GraphAdapter(InstagramExchange exchange, int maxPages, AccountPool pool) {
        this.search = new GraphHashtagSearchClient(exchange);
        this.media = new GraphHashtagMediaClient(exchange, MEDIA_PAGE_SIZE);
        this.discovery = new GraphBusinessDiscoveryClient(exchange, PROFILE_MEDIA);
        this.pages = new PageWalker(maxPages);
        GraphRecentHashtagsClient recent = new GraphRecentHashtagsClient(exchange);
        this.seeded = Flux.defer(() -> Flux.fromIterable(pool.inRotation()))
                .concatMap(account -> seed(recent, pool, account))
                .then()
                .cache();
    }

    @Override
    public String source() {
        return SourceSettings.Mode.GRAPH.source();
    }

    @Override
    public boolean hashtagQuota() {
        return true;
    }

    @Override
    public Mono<Void> prepare() {
        return seeded;
    }

    @Override
    public Mono<FetchOutcome<InstagramPayload>> fetch(Target target, AccountSession session, Walks walks) {
        if (target.kind() == TargetDocument.Kind.PROFILE) {
            return discovery
                    .profile(target.value(), session.account())
                    .map(outcome -> outcome.<InstagramPayload>map(InstagramPayload.GraphProfile::new));
        }
        return hashtag(target, session, walks);
    }

    /** {@code recent_media} shows the last 24 hours only: what is older is out of reach (an {@code api_window} gap). */
    @Override
    public Optional<Duration> feedWindow() {
        return Optional.of(RECENT_WINDOW);
    }

    private Mono<FetchOutcome<InstagramPayload>> hashtag(Target target, AccountSession session, Walks walks) {
        // The permit taken with the account pays the search; with the id cached, it pays the first media page.
        boolean firstPagePrepaid = search.cached(target.value()).isPresent();
        return search.hashtagId(target.value(), session.account()).flatMap(id -> {
            if (!(id instanceof FetchOutcome.Ok<String> found)) {
                return Mono.just(id.<InstagramPayload>map(x -> null));
            }
            return recent(found.value(), session, firstPagePrepaid, walks).flatMap(recent -> {
                if (!(recent instanceof FetchOutcome.Ok<List<GraphMediaPage>> recentOk)) {
                    return Mono.just(recent.<InstagramPayload>map(x -> null));
                }
                return edge(found.value(), Edge.TOP_MEDIA, session, false)
                        .map(top -> FetchOutcome.<InstagramPayload>ok(
                                new InstagramPayload.GraphHashtag(topPages(top, session), recentOk.value())));
            });
        });
    }

    /** {@code recent_media} walked to the high-water mark (then back-fill, within the 24 hours it shows). */
    private Mono<FetchOutcome<List<GraphMediaPage>>> recent(
            String hashtagId, AccountSession session, boolean firstPagePrepaid, Walks walks) {
        Function<String, Mono<FetchOutcome<GraphMediaPage>>> page =
                after -> media.page(hashtagId, Edge.RECENT_MEDIA, after, session.account());
        return Mono.defer(() -> {
            if (!firstPagePrepaid && !session.nextCall()) {
                walks.live().stop(GapReason.ACCOUNT_BUDGET);
                return Mono.just(FetchOutcome.ok(List.<GraphMediaPage>of()));
            }
            return pages.walkFeed(
                    page,
                    GraphMediaPage::after,
                    p -> FeedPositions.ofInstants(p.media().items(), GraphMedia::id, GraphMedia::timestamp),
                    session,
                    walks.live(),
                    walks.back());
        });
    }

    private Mono<FetchOutcome<List<GraphMediaPage>>> edge(
            String hashtagId, Edge edge, AccountSession session, boolean firstPagePrepaid) {
        Function<String, Mono<FetchOutcome<GraphMediaPage>>> page =
                after -> media.page(hashtagId, edge, after, session.account());
        return firstPagePrepaid
                ? pages.walk(page, GraphMediaPage::after, session)
                : pages.walkPaid(page, GraphMediaPage::after, session);
    }

    /** Recent media alone is a good capture: a failed top list is reported (it still rests the account) and skipped. */
    private static List<GraphMediaPage> topPages(FetchOutcome<List<GraphMediaPage>> top, AccountSession session) {
        if (top instanceof FetchOutcome.Ok<List<GraphMediaPage>> ok) {
            return ok.value();
        }
        session.report(top);
        return List.of();
    }

    private static Mono<Void> seed(GraphRecentHashtagsClient recent, AccountPool pool, Account account) {
        if (!pool.spendCall(account)) {
            return Mono.empty();
        }
        return recent.recentlySearched(account)
                .doOnNext(outcome -> {
                    if (outcome instanceof FetchOutcome.Ok<List<String>> ok) {
                        pool.seedHashtags(account, ok.value());
                        log.info(
                                "Account {} already spent {} hashtags of its quota",
                                account.id(),
                                ok.value().size());
                    } else {
                        pool.report(account, outcome);
                        log.warn("Account {}: recently searched hashtags unknown ({})", account.id(), outcome.reason());
                    }
                })
                .then();
    }
}
