package io.onestore.ingestor.source.instagram.web;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.Target;
import io.onestore.ingestor.normalize.CaptureAssembler;
import io.onestore.ingestor.normalize.ProfileUserNormalizer;
import io.onestore.ingestor.normalize.WebTagNormalizer;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.AccountSession;
import io.onestore.ingestor.source.instagram.InstagramAdapter;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.model.document.TargetDocument;
import java.time.Instant;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The current web endpoints under {@code /api/v1/}, sent with {@code x-ig-app-id} and the session cookie. */
public final class WebAdapter implements InstagramAdapter {

    private final WebTagClient tags;
    private final WebProfileClient profiles;
    private final WebTagNormalizer tagNormalizer;
    private final ProfileUserNormalizer profileNormalizer;

    public WebAdapter(InstagramExchange exchange, CaptureAssembler assembler, String appId) {
        WebHeaders headers = new WebHeaders(appId);
        this.tags = new WebTagClient(exchange, headers);
        this.profiles = new WebProfileClient(exchange, headers);
        this.tagNormalizer = new WebTagNormalizer(assembler);
        this.profileNormalizer = new ProfileUserNormalizer(assembler);
    }

    @Override
    public String source() {
        return WebTagNormalizer.SOURCE;
    }

    @Override
    public Mono<FetchOutcome<CaptureBatch>> fetch(Target target, AccountSession session, Instant capturedAt) {
        if (target.kind() == TargetDocument.Kind.HASHTAG) {
            return tags.tag(target.value(), session.account())
                    // Normalising (VADER on every caption) is CPU work: not on the Netty event loop.
                    .publishOn(Schedulers.parallel())
                    .map(outcome -> outcome.map(info -> tagNormalizer.normalize(target, info, capturedAt)));
        }
        return profiles.profile(target.value(), session.account())
                .publishOn(Schedulers.parallel())
                .map(outcome -> outcome.map(user -> profileNormalizer.normalize(target, user, capturedAt, source())));
    }
}
