package io.onestore.model.index;

/**
 * The logical indices of the contract. Each is an alias ({@code prefix + name}) over concrete indices
 * ({@code prefix + name + "-000001"}, …) whose settings and mappings come from the template resource
 * {@code onestore/index/<name>.json}.
 */
public enum IndexAlias {
    POSTS("posts"),
    POST_METRICS("post-metrics"),
    TAG_SNAPSHOTS("tag-snapshots"),
    TAG_VOLUME("tag-volume"),
    PROFILE_SNAPSHOTS("profile-snapshots"),
    TARGETS("targets"),
    CAMPAIGNS("campaigns"),
    TARGET_COVERAGE("target-coverage"),
    COVERAGE_GAPS("coverage-gaps"),
    SOURCE_CURSORS("source-cursors"),
    TARGET_SPEND("target-spend"),
    DEADLETTER("deadletter");

    private final String suffix;

    IndexAlias(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    String templateResource() {
        return "onestore/index/" + suffix + ".json";
    }
}
