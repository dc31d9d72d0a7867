package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.source.instagram.ProfileUser;
import io.onestore.ingestor.source.instagram.graph.GraphBusinessProfile;
import io.onestore.ingestor.source.instagram.graph.GraphMediaPage;
import io.onestore.ingestor.source.instagram.legacy.LegacyTagPage;
import io.onestore.ingestor.source.instagram.web.WebTagInfo;
import java.util.List;

/**
 * What an adapter read for one target, as the upstream sent it (the source's payload records): what it hands on to
 * {@link InstagramNormalizer}. One variant per answer shape.
 */
public sealed interface InstagramPayload {

    /** web: the pages of {@code /api/v1/tags/web_info/} read this cycle, first page first (it alone has top posts). */
    record WebTag(List<WebTagInfo> pages) implements InstagramPayload {
        public WebTag {
            pages = List.copyOf(pages);
        }

        public WebTag(WebTagInfo info) {
            this(List.of(info));
        }
    }

    /** legacy: the pages of the {@code ?__a=1} tag feed, newest first. */
    record LegacyTag(List<LegacyTagPage> pages) implements InstagramPayload {
        public LegacyTag {
            pages = List.copyOf(pages);
        }
    }

    /** web or legacy: the profile's {@code user} object (both endpoints share its {@code edge_*} keys). */
    record Profile(ProfileUser user) implements InstagramPayload {}

    /** graph: the {@code top_media} and {@code recent_media} pages of one hashtag (top may be empty). */
    record GraphHashtag(List<GraphMediaPage> top, List<GraphMediaPage> recent) implements InstagramPayload {
        public GraphHashtag {
            top = List.copyOf(top);
            recent = List.copyOf(recent);
        }
    }

    /** graph: business discovery of a professional account. */
    record GraphProfile(GraphBusinessProfile profile) implements InstagramPayload {}
}
