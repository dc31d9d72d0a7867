package io.onestore.query.campaign;

import io.onestore.model.document.CampaignDocument;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.time.Duration;
import java.time.Instant;

/** The report window and where "during" ends: at {@code end}, or now while the campaign is open. */
record PhaseBounds(TimeWindow window, Instant duringEnd) {

    static PhaseBounds of(CampaignDocument c, Instant now, Interval interval) {
        Instant from = c.start().minus(Duration.ofDays(c.baselineDays()));
        if (c.end() != null) {
            return new PhaseBounds(new TimeWindow(from, c.end().plus(Duration.ofDays(c.afterDays()))), c.end());
        }
        Instant to = now.isAfter(c.start()) ? now : c.start();
        if (!to.isAfter(from)) {
            to = from.plus(interval.duration());
        }
        return new PhaseBounds(new TimeWindow(from, to), to);
    }
}
