package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.targets.Target;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * One way of reading Instagram (legacy, web, graph): calls its endpoint clients through one account and hands on what
 * they answered. Instagram changes endpoints every year or two; each generation is one adapter, all read by the same
 * normalisers into the same documents.
 */
public interface InstagramAdapter {

    /** The {@code source} documents carry, e.g. {@code instagram-web}. */
    String source();

    /** Whether hashtag targets count against the account's unique-hashtag quota (the Graph API's 30 per 7 days). */
    default boolean hashtagQuota() {
        return false;
    }

    /** How far back the hashtag feed reaches, when the endpoint limits it (Graph {@code recent_media}: 24 hours). */
    default Optional<Duration> feedWindow() {
        return Optional.empty();
    }

    /** Work to do once before the first fetch (graph: learn which hashtags each account already spent). */
    default Mono<Void> prepare() {
        return Mono.empty();
    }

    /**
     * Fetches one target through {@code session}'s account; the first call's budget is already taken. A hashtag's feed
     * is walked as {@code walks} decide (to the high-water mark, then back-fill); a profile reads its one page.
     */
    Mono<FetchOutcome<InstagramPayload>> fetch(Target target, AccountSession session, Walks walks);
}
