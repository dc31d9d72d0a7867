package io.onestore.simulator.fault;

/** The failure signals design.md §3 asks the ingestor to recognise. */
public enum FaultMode {
    /** 500/502/503 with a short body. */
    SERVER_ERROR,
    /** The family's own rate-limit answer: 429 + Retry-After, X's x-rate-limit-*, the Graph API's error code 4. */
    RATE_LIMIT,
    /** 200 text/html: the login page where JSON was expected. */
    LOGIN_HTML,
    /** 302 to /accounts/login/. */
    LOGIN_REDIRECT,
    /** 401 "Please wait a few minutes before you try again." */
    PLEASE_WAIT,
    /** 400 checkpoint_required. */
    CHECKPOINT,
    /** The real body behind Facebook's anti-hijacking prefix {@code for (;;);}: not JSON. */
    MALFORMED_JSON,
    /** The real body cut in half. */
    TRUNCATED_JSON
}
