package io.onestore.ingestor.targets;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Bluesky account as a target names it: a handle ({@code @alice.bsky.social}, a domain name: labels of letters,
 * digits and hyphens, at least two, at most 253 characters; stored lower case without the {@code @}) or a DID
 * ({@code did:plc:ewvi7nxzyoun6zhxrhs64oiz}, {@code did:web:example.com}, with or without the {@code @}).
 */
public final class BlueskyActor {

    private static final Pattern HANDLE =
            Pattern.compile("(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DID = Pattern.compile("did:(plc|web):[a-z0-9._:%-]{1,2000}");

    private BlueskyActor() {}

    /** {@code "@Alice.bsky.social"} → {@code alice.bsky.social}; empty when it is neither a handle nor a DID. */
    public static Optional<String> normalize(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String actor = text.strip();
        boolean at = actor.startsWith("@") || actor.startsWith("＠");
        if (at) {
            actor = actor.substring(1);
        }
        actor = actor.toLowerCase(Locale.ROOT);
        if (DID.matcher(actor).matches()) {
            return Optional.of(actor);
        }
        return at && HANDLE.matcher(actor).matches() ? Optional.of(actor) : Optional.empty();
    }
}
