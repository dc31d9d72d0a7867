package io.onestore.simulator.world;

/** Instagram's three post kinds with their codes in every shape the networks use. */
public enum MediaKind {
    IMAGE(1, "GraphImage", "IMAGE"),
    VIDEO(2, "GraphVideo", "VIDEO"),
    CAROUSEL(8, "GraphSidecar", "CAROUSEL_ALBUM");

    private final int webCode;
    private final String legacyTypename;
    private final String graphName;

    MediaKind(int webCode, String legacyTypename, String graphName) {
        this.webCode = webCode;
        this.legacyTypename = legacyTypename;
        this.graphName = graphName;
    }

    public int webCode() {
        return webCode;
    }

    public String legacyTypename() {
        return legacyTypename;
    }

    public String graphName() {
        return graphName;
    }
}
