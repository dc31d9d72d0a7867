package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.ingestor.source.instagram.MediaNode;
import io.onestore.ingestor.source.instagram.legacy.LegacyProfileClient;
import io.onestore.ingestor.source.instagram.legacy.LegacyTagClient;
import io.onestore.ingestor.source.instagram.legacy.LegacyTagPage;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.TargetDocument;
import reactor.core.publisher.Mono;

/** The seed's {@code ?__a=1} endpoints: the tag feed (paged by {@code max_id}) and the profile page. */
public final class LegacyAdapter implements InstagramAdapter {

    private final LegacyTagClient tags;
    private final LegacyProfileClient profiles;
    private final PageWalker pages;

    public LegacyAdapter(InstagramExchange exchange, int maxPages) {
        this.tags = new LegacyTagClient(exchange);
        this.profiles = new LegacyProfileClient(exchange);
        this.pages = new PageWalker(maxPages);
    }

    @Override
    public String source() {
        return SourceSettings.Mode.LEGACY.source();
    }

    @Override
    public Mono<FetchOutcome<InstagramPayload>> fetch(Target target, AccountSession session, Walks walks) {
        if (target.kind() == TargetDocument.Kind.HASHTAG) {
            return pages.walkFeed(
                            cursor -> tags.page(target.value(), cursor, session.account()),
                            LegacyTagPage::endCursor,
                            page -> FeedPositions.of(page.recent().items(), MediaNode::id, MediaNode::takenAt),
                            session,
                            walks)
                    .map(outcome -> outcome.<InstagramPayload>map(InstagramPayload.LegacyTag::new));
        }
        return profiles.profile(target.value(), session.account())
                .map(outcome -> outcome.<InstagramPayload>map(InstagramPayload.Profile::new));
    }
}
