package io.onestore.query.request;

import io.onestore.query.config.QueryApiProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads the parameters the endpoints share into checked values: hashtags (normalised, bounded), windows (bounded
 * instants, a documented default when omitted) and numeric limits. Every refusal is an {@code ApiException} naming
 * the parameter, so all endpoints word the same mistake the same way.
 */
@Component
public class RequestReader {

    /** An insight's subject: which hashtags, over which window. */
    public record Selection(List<String> hashtags, TimeWindow window) {}

    private final QueryApiProperties.Limits limits;
    private final Clock clock;

    RequestReader(QueryApiProperties properties, Clock clock) {
        this.limits = properties.limits();
        this.clock = clock;
    }

    public Selection insight(InsightParams params) {
        return new Selection(hashtags(params.hashtags()), window(params.from(), params.to()));
    }

    public List<String> hashtags(List<String> raw) {
        return HashtagList.parse(raw, limits.maxHashtags());
    }

    /**
     * The window {@code [from, to)}: {@code to} defaults to now, {@code from} to {@code defaultWindow} (7 days)
     * before {@code to}. Both must lie in the accepted range ({@link Instants}).
     */
    public TimeWindow window(String fromText, String toText) {
        Instant from = Instants.parse("from", fromText);
        Instant to = Instants.parse("to", toText);
        Duration recent = limits.defaultWindow();
        if (to == null) {
            to = clock.instant();
            if (from != null && !from.isBefore(to)) {
                to = from.plus(recent);
            }
        }
        if (from == null) {
            from = to.minus(recent);
            if (from.isBefore(Instants.EARLIEST)) {
                from = Instants.EARLIEST;
            }
        }
        return new TimeWindow(from, to);
    }

    public int limit(String name, int value, int min, int max) {
        return Bounds.check(name, value, min, max);
    }
}
