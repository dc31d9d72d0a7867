package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Locale;

/**
 * One range of a target's feed that capture did not read, in the {@code coverage-gaps} alias: one document per gap, so
 * months of gaps stay cheap to query and Kibana can chart them on {@code from} (its {@code @timestamp}). A gap that a
 * later walk reads after all (back-fill, catch-up) is kept with {@code status: filled}, so the history of coverage is
 * not rewritten.
 *
 * @param targetId the target's id ({@link DocumentIds#target})
 * @param from start of the unread range (inclusive), a post time
 * @param to end of the unread range (exclusive), a post time
 * @param detectedAt when the ingestor recorded the gap
 * @param estimatedPosts the target's estimated rate times the range: how many posts the gap may hold; null when no
 *     rate is known yet
 * @param detail a short machine-written note (the upstream outcome, the page budget), never upstream text
 * @param part the part of the source whose reading left the gap, e.g. the Mastodon server {@code mastodon.social};
 *     null when the gap is the whole platform's
 * @param cursor the upstream cursor of the page below the newest unread post, from which a later capture re-reads the
 *     gap (web and legacy feeds page back with {@code max_id}); stored, not indexed; null where the feed cannot be paged
 *     back to the range ({@code api_window}) and once the gap is filled. Like the back-fill cursor it is the ingestor's
 *     business and never shown by the query API.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoverageGapDocument(
        String targetId,
        TargetDocument.Kind kind,
        String value,
        Platform platform,
        Instant from,
        Instant to,
        GapReason reason,
        Status status,
        Instant detectedAt,
        Instant closedAt,
        Long estimatedPosts,
        String detail,
        String part,
        String cursor) {

    /** A gap of the whole platform (no part) that no later capture can re-read (no cursor). */
    public CoverageGapDocument(
            String targetId,
            TargetDocument.Kind kind,
            String value,
            Platform platform,
            Instant from,
            Instant to,
            GapReason reason,
            Status status,
            Instant detectedAt,
            Instant closedAt,
            Long estimatedPosts,
            String detail) {
        this(
                targetId,
                kind,
                value,
                platform,
                from,
                to,
                reason,
                status,
                detectedAt,
                closedAt,
                estimatedPosts,
                detail,
                null,
                null);
    }

    /**
     * This gap after a re-read that stopped short of its start: still open, over {@code [from, newTo)}, resumed next
     * time from {@code newCursor}. Its id stays the same (it is made of the start).
     */
    public CoverageGapDocument narrowed(Instant newTo, String newCursor) {
        return new CoverageGapDocument(
                targetId,
                kind,
                value,
                platform,
                from,
                newTo,
                reason,
                status,
                detectedAt,
                closedAt,
                estimatedPosts,
                detail,
                part,
                newCursor);
    }

    public String id() {
        return DocumentIds.coverageGap(targetId, platform, from, reason, part);
    }

    /** This gap read after all: kept, as {@code filled}, so the history of coverage is not rewritten. */
    public CoverageGapDocument filled(Instant at) {
        return new CoverageGapDocument(
                targetId,
                kind,
                value,
                platform,
                from,
                to,
                reason,
                Status.FILLED,
                detectedAt,
                at,
                estimatedPosts,
                detail,
                part,
                null);
    }

    public enum Status {
        /** Nothing in the range has been read. */
        OPEN,
        /** A later walk read the range after all. */
        FILLED;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status fromKey(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }
}
