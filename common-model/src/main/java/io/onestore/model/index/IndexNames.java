package io.onestore.model.index;

import java.util.regex.Pattern;

/**
 * Index and alias names under a configurable prefix. The default prefix is {@code onestore-}; tests give every
 * class its own so that they can share one Elasticsearch without seeing each other's data.
 */
public record IndexNames(String prefix) {

    public static final String DEFAULT_PREFIX = "onestore-";

    // Elasticsearch index names: lower case, no \ / * ? " < > | space , # : and not starting with - _ +
    private static final Pattern VALID_PREFIX = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public IndexNames {
        if (prefix == null || !VALID_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "index prefix must be lower case letters, digits, '.', '_' or '-': '" + prefix + "'");
        }
    }

    public static IndexNames defaults() {
        return new IndexNames(DEFAULT_PREFIX);
    }

    /** The alias every reader and writer uses. */
    public String alias(IndexAlias alias) {
        return prefix + alias.suffix();
    }

    /** The concrete indices behind an alias match this pattern (and the template's {@code index_patterns}). */
    public String pattern(IndexAlias alias) {
        return alias(alias) + "-*";
    }

    public String firstIndex(IndexAlias alias) {
        return alias(alias) + "-000001";
    }

    public String template(IndexAlias alias) {
        return alias(alias);
    }

    public String posts() {
        return alias(IndexAlias.POSTS);
    }

    public String postMetrics() {
        return alias(IndexAlias.POST_METRICS);
    }

    public String tagSnapshots() {
        return alias(IndexAlias.TAG_SNAPSHOTS);
    }

    /** A tag's posts per hour as the upstream counted them (X's {@code counts/recent}). */
    public String tagVolume() {
        return alias(IndexAlias.TAG_VOLUME);
    }

    public String profileSnapshots() {
        return alias(IndexAlias.PROFILE_SNAPSHOTS);
    }

    public String targets() {
        return alias(IndexAlias.TARGETS);
    }

    public String campaigns() {
        return alias(IndexAlias.CAMPAIGNS);
    }

    /** The coverage ledger: one document per target and platform. */
    public String targetCoverage() {
        return alias(IndexAlias.TARGET_COVERAGE);
    }

    /** The coverage gaps: one document per unread range of a target's feed. */
    public String coverageGaps() {
        return alias(IndexAlias.COVERAGE_GAPS);
    }

    /** What a metered upstream billed per target, platform and UTC day (X's reads). */
    public String targetSpend() {
        return alias(IndexAlias.TARGET_SPEND);
    }

    /** Where each source resumes reading: a stream's cursor, a timeline's newest id per server and tag. */
    public String sourceCursors() {
        return alias(IndexAlias.SOURCE_CURSORS);
    }

    public String deadletter() {
        return alias(IndexAlias.DEADLETTER);
    }
}
