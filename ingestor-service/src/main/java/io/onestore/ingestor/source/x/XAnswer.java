package io.onestore.ingestor.source.x;

/** An X answer read into its payload record, with what its headers said of the token's rate-limit window. */
public record XAnswer<P>(P body, XRateLimit rateLimit) {}
