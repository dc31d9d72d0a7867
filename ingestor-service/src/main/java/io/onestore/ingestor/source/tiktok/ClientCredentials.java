package io.onestore.ingestor.source.tiktok;

/**
 * A research client's key and secret, exchanged for client access tokens. Its {@code toString} hides both: the record
 * default would print them into any log line that mentions it.
 */
public record ClientCredentials(String key, String secret) {

    public ClientCredentials {
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a TikTok client needs a key and a secret");
        }
    }

    @Override
    public String toString() {
        return "ClientCredentials[<redacted>]";
    }
}
