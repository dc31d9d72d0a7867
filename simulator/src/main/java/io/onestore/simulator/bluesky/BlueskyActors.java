package io.onestore.simulator.bluesky;

import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.World;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The world's authors as Bluesky accounts: each has the DID its Jetstream posts carry ({@link JetstreamEvents#did})
 * and a handle under {@code bsky.social} made from its username (Bluesky handles are domain names: letters, digits
 * and hyphens per label, so {@code _} and {@code .} become {@code -}; a handle two usernames would share gets the
 * author's index). Followers are the author's, the same person on every network.
 */
public final class BlueskyActors {

    public static final String HANDLE_DOMAIN = ".bsky.social";

    private final Map<String, Author> byHandle = new HashMap<>();
    private final Map<String, Author> byDid = new HashMap<>();
    private final Map<Integer, String> handles = new HashMap<>();

    public BlueskyActors(World world) {
        for (Author author : world.authors().all()) {
            String label = author.username().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            label = label.replaceAll("^-+|-+$", "");
            String handle = (label.isEmpty() ? "user" : label) + HANDLE_DOMAIN;
            if (byHandle.containsKey(handle)) {
                handle = (label.isEmpty() ? "user" : label) + "-" + author.index() + HANDLE_DOMAIN;
            }
            byHandle.put(handle, author);
            byDid.put(JetstreamEvents.did(author), author);
            handles.put(author.index(), handle);
        }
    }

    /** The author behind a DID or a handle (with or without a leading {@code @}, any case). */
    public Optional<Author> find(String actor) {
        if (actor == null) {
            return Optional.empty();
        }
        String key = actor.strip().toLowerCase(Locale.ROOT);
        if (key.startsWith("@")) {
            key = key.substring(1);
        }
        return Optional.ofNullable(key.startsWith("did:") ? byDid.get(key) : byHandle.get(key));
    }

    public String handle(Author author) {
        return handles.get(author.index());
    }
}
