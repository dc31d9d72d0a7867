package io.onestore.ingestor.capture.x;

import io.onestore.ingestor.source.x.XCounts;
import io.onestore.ingestor.source.x.XSearchPage;
import io.onestore.ingestor.source.x.XUser;
import java.util.List;

/** What one capture of an X target read, handed to the {@link XNormalizer}. */
public sealed interface XPayload {

    /**
     * A hashtag: its hourly counts of the last 7 days (null when none were read; not {@link XCounts#whole()} when
     * only some pages were) and the search pages read this cycle.
     */
    record Tag(XCounts counts, List<XSearchPage> pages) implements XPayload {
        public Tag {
            pages = List.copyOf(pages);
        }
    }

    /** A profile. */
    record Profile(XUser user) implements XPayload {}
}
