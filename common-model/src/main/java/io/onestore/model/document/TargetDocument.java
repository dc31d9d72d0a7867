package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Something to watch: a hashtag or a public profile, on some platforms. Campaigns add their ids to
 * {@code campaignIds}; a target no campaign and no targets file needs any more is removed. The lease fields let
 * several ingestor replicas share the work: a replica scrapes a target only while it holds an unexpired lease, taken
 * with optimistic concurrency (design.md §5). Build one with {@link #watch} and the {@code with…} copies rather than
 * the ten-argument constructor.
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

    /** A target nobody has leased or fetched yet, created and updated {@code now}. */
    public static TargetDocument watch(
            Kind kind, String value, List<Platform> platforms, List<String> campaignIds, Instant now) {
        return new TargetDocument(kind, value, platforms, campaignIds, now, now, null, null, null, null);
    }

    /** {@code hashtag:nike}, {@code profile:nike}: a target is one thing to watch across platforms. */
    public static String idOf(Kind kind, String value) {
        return kind.key() + ":" + DocumentIds.requireText(value, "target value").toLowerCase(Locale.ROOT);
    }

    public String id() {
        return idOf(kind, value);
    }

    /** This target leased by {@code owner} until {@code until}. */
    public TargetDocument withLease(String owner, Instant until) {
        return new TargetDocument(
                kind, value, platforms, campaignIds, createdAt, updatedAt, owner, until, lastFetchedAt, lastOutcome);
    }

    /** This target with another set of campaigns and platforms, updated {@code now}; its lease and fetch stay. */
    public TargetDocument withCampaigns(List<String> campaignIds, List<Platform> platforms, Instant now) {
        return new TargetDocument(
                kind,
                value,
                platforms,
                campaignIds,
                createdAt,
                now,
                leaseOwner,
                leaseUntil,
                lastFetchedAt,
                lastOutcome);
    }

    /** This target as a fetch at {@code fetchedAt} left it, with that fetch's outcome label ({@code ok}, …). */
    public TargetDocument withLastFetch(Instant fetchedAt, String outcome) {
        return new TargetDocument(
                kind, value, platforms, campaignIds, createdAt, updatedAt, leaseOwner, leaseUntil, fetchedAt, outcome);
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
