package io.onestore.query;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Coverage ledgers and gaps for fixed datasets, in the contract's shape (common-model's documents). */
public final class Ledgers {

    private Ledgers() {}

    /** A hashtag read continuously on Instagram from {@code coveredSince} to its last capture {@code capturedAt}. */
    public static TargetCoverageDocument hashtag(String tag, String coveredSince, String capturedAt) {
        return ledger(TargetDocument.Kind.HASHTAG, tag, Platform.INSTAGRAM, coveredSince, capturedAt);
    }

    public static TargetCoverageDocument ledger(
            TargetDocument.Kind kind, String value, Platform platform, String coveredSince, String capturedAt) {
        Instant captured = Instant.parse(capturedAt);
        return new TargetCoverageDocument(
                TargetDocument.idOf(kind, value),
                kind,
                value,
                platform,
                new TargetCoverageDocument.Mark(captured.minusSeconds(30), "m-" + value),
                Instant.parse(coveredSince),
                null,
                120.0,
                captured,
                captured.plus(Duration.ofMinutes(5)),
                300L,
                40,
                44,
                0,
                null,
                captured);
    }

    /** An open gap of a hashtag on Instagram. */
    public static CoverageGapDocument gap(String tag, String from, String to, GapReason reason) {
        return gap(tag, from, to, reason, CoverageGapDocument.Status.OPEN);
    }

    public static CoverageGapDocument gap(
            String tag, String from, String to, GapReason reason, CoverageGapDocument.Status status) {
        return new CoverageGapDocument(
                TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag),
                TargetDocument.Kind.HASHTAG,
                tag,
                Platform.INSTAGRAM,
                Instant.parse(from),
                Instant.parse(to),
                reason,
                status,
                Instant.parse(to),
                status == CoverageGapDocument.Status.FILLED ? Instant.parse(to) : null,
                60L,
                "pages=5");
    }

    /** A hashtag target watched on Instagram, as a campaign or the targets file creates it. */
    public static TargetDocument watched(String tag, String... campaignIds) {
        return TargetDocument.watch(
                TargetDocument.Kind.HASHTAG,
                tag,
                List.of(Platform.INSTAGRAM),
                List.of(campaignIds),
                Instant.parse("2026-09-01T00:00:00Z"));
    }
}
