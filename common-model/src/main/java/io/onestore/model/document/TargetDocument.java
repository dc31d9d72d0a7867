package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.onestore.model.index.DocumentIds;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Something to watch: a hashtag or a public profile, on some platforms. Campaigns add their ids to
 * {@code campaignIds}; a target no campaign and no targets file needs any more is removed. The lease fields let
 * several ingestor replicas share the work: a replica scrapes a target only while it holds an unexpired lease, taken
 * with optimistic concurrency (design.md §5).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetDocument(
        Kind kind,
        String value,
        List<Platform> platforms,
        List<String> campaignIds,
        Instant createdAt,
        Instant updatedAt,
        String leaseOwner,
        Instant leaseUntil,
        Instant lastFetchedAt,
        String lastOutcome) {

    public String id() {
        return DocumentIds.target(kind, value);
    }

    public enum Kind {
        HASHTAG,
        PROFILE;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromKey(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }
}
