package io.onestore.query.coverage;

import java.util.Locale;

/**
 * Why a ratio is null instead of a number: it would compare windows whose capture is not covered enough
 * (docs/coverage.md#refused-comparisons). A rate measured over a window with a gap is too low by the posts the gap
 * holds, so a ratio over it is an artifact of capture, not a fact about the hashtags.
 *
 * @param reason a stable code: {@code baseline_not_covered}, {@code phase_not_covered}, {@code hashtags_not_covered},
 *     {@code window_not_covered}
 * @param detail a plain sentence with the covered share and the threshold
 */
public record Withheld(String reason, String detail) {

    /** Null when {@code coverage} reaches {@code minShare}; else why a ratio over {@code what} is withheld. */
    public static Withheld unless(Coverage coverage, double minShare, String reason, String what) {
        if (coverage.coveredShare() >= minShare) {
            return null;
        }
        return new Withheld(
                reason,
                String.format(
                        Locale.ROOT,
                        "%s is covered %.1f %% by capture, below the %.1f %% a comparison needs",
                        what,
                        coverage.coveredShare() * 100,
                        minShare * 100));
    }
}
