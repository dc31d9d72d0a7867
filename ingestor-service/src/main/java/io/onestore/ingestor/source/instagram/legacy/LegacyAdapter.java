package io.onestore.ingestor.source.instagram.legacy;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.Target;
import io.onestore.ingestor.normalize.CaptureAssembler;
import io.onestore.ingestor.normalize.LegacyTagNormalizer;
import io.onestore.ingestor.normalize.ProfileUserNormalizer;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.AccountSession;
import io.onestore.ingestor.source.instagram.InstagramAdapter;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.ingestor.source.instagram.PageWalker;
import io.onestore.model.document.TargetDocument;
import java.time.Instant;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The seed's {@code ?__a=1} endpoints: the tag feed (paged by {@code max_id}) and the profile page. */
public final class LegacyAdapter implements InstagramAdapter {

    private final LegacyTagClient tags;
    private final LegacyProfileClient profiles;
    private final PageWalker pages;
    private final LegacyTagNormalizer tagNormalizer;
    private final ProfileUserNormalizer profileNormalizer;

    public LegacyAdapter(InstagramExchange exchange, CaptureAssembler assembler, int maxPages) {
        this.tags = new LegacyTagClient(exchange);
        this.profiles = new LegacyProfileClient(exchange);
        this.pages = new PageWalker(maxPages);
        this.tagNormalizer = new LegacyTagNormalizer(assembler);
        this.profileNormalizer = new ProfileUserNormalizer(assembler);
    }

    @Override
    public String source() {
        return LegacyTagNormalizer.SOURCE;
    }

    @Override
    public Mono<FetchOutcome<CaptureBatch>> fetch(Target target, AccountSession session, Instant capturedAt) {
        if (target.kind() == TargetDocument.Kind.HASHTAG) {
            return pages.walk(
                            cursor -> tags.page(target.value(), cursor, session.account()),
                            LegacyTagPage::endCursor,
                            session)
                    // Normalising (VADER on every caption) is CPU work: not on the Netty event loop.
                    .publishOn(Schedulers.parallel())
                    .map(outcome -> outcome.map(list -> tagNormalizer.normalize(target, list, capturedAt)));
        }
        return profiles.profile(target.value(), session.account())
                .publishOn(Schedulers.parallel())
                .map(outcome -> outcome.map(user -> profileNormalizer.normalize(target, user, capturedAt, source())));
    }
}
