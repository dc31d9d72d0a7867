package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.ingestor.source.instagram.web.WebHeaders;
import io.onestore.ingestor.source.instagram.web.WebMedia;
import io.onestore.ingestor.source.instagram.web.WebProfileClient;
import io.onestore.ingestor.source.instagram.web.WebTagClient;
import io.onestore.ingestor.source.instagram.web.WebTagInfo;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.TargetDocument;
import reactor.core.publisher.Mono;

/** The current web endpoints under {@code /api/v1/}, sent with {@code x-ig-app-id} and the session cookie. */
public final class WebAdapter implements InstagramAdapter {

    private final WebTagClient tags;
    private final WebProfileClient profiles;
    private final PageWalker pages = new PageWalker(Integer.MAX_VALUE);

    public WebAdapter(InstagramExchange exchange, String appId) {
        WebHeaders headers = new WebHeaders(appId);
        this.tags = new WebTagClient(exchange, headers);
        this.profiles = new WebProfileClient(exchange, headers);
    }

    @Override
    public String source() {
        return SourceSettings.Mode.WEB.source();
    }

    @Override
    public Mono<FetchOutcome<InstagramPayload>> fetch(Target target, AccountSession session, Walks walks) {
        if (target.kind() == TargetDocument.Kind.HASHTAG) {
            return pages.walkFeed(
                            maxId -> tags.tag(target.value(), maxId, session.account()),
                            WebTagInfo::nextMaxId,
                            info -> FeedPositions.of(info.recent().items(), WebMedia::pk, m -> m.takenAt()),
                            session,
                            walks)
                    .map(outcome -> outcome.<InstagramPayload>map(InstagramPayload.WebTag::new));
        }
        return profiles.profile(target.value(), session.account())
                .map(outcome -> outcome.<InstagramPayload>map(InstagramPayload.Profile::new));
    }
}
