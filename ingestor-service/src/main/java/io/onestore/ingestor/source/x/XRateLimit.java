package io.onestore.ingestor.source.x;

import java.time.Instant;
import org.springframework.http.HttpHeaders;

/**
 * What X's {@code x-rate-limit-limit/remaining/reset} headers said about the token's current window; the reset is in
 * epoch seconds on the wire.
 *
 * @param limit calls the window allows; -1 when the header was absent
 * @param remaining calls left in the window; -1 when the header was absent
 * @param reset when the window starts over; null when the header was absent or unreadable
 */
public record XRateLimit(int limit, int remaining, Instant reset) {

    static final XRateLimit UNKNOWN = new XRateLimit(-1, -1, null);

    static XRateLimit of(HttpHeaders headers) {
        return new XRateLimit(
                number(headers.getFirst("x-rate-limit-limit")),
                number(headers.getFirst("x-rate-limit-remaining")),
                epochSecond(headers.getFirst("x-rate-limit-reset")));
    }

    /** The window is spent: the next call would be a 429. */
    public boolean spent() {
        return remaining == 0;
    }

    private static int number(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Instant epochSecond(String value) {
        try {
            return value == null ? null : Instant.ofEpochSecond(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
