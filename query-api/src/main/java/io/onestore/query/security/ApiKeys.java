package io.onestore.query.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys the service accepts, each with its scopes. Entries are {@code key} (both scopes) or {@code key:scope}.
 *
 * <p>Keys are kept only as SHA-256 digests and every lookup compares against all of them with
 * {@link MessageDigest#isEqual}, so neither the time a lookup takes nor a heap dump tells which key was close. No
 * method of this class puts a key into a message or a log line.
 */
final class ApiKeys {

    private record Entry(byte[] digest, Set<Scope> scopes) {}

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the comma-separated environment value and the keys file (either may be blank). */
    static ApiKeys from(String inline, String keysFile) {
        List<Entry> entries = new ArrayList<>();
        parseInto(inline, entries);
        if (keysFile != null && !keysFile.isBlank()) {
            try {
                for (String line : Files.readAllLines(Path.of(keysFile.strip()), StandardCharsets.UTF_8)) {
                    int comment = line.indexOf('#');
                    parseInto(comment >= 0 ? line.substring(0, comment) : line, entries);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API keys file " + keysFile, e);
            }
        }
        return new ApiKeys(entries);
    }

    private static void parseInto(String text, List<Entry> entries) {
        if (text == null) {
            return;
        }
        for (String item : text.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String key = colon >= 0 ? entry.substring(0, colon).strip() : entry;
            Set<Scope> scopes =
                    colon >= 0 ? EnumSet.of(Scope.parse(entry.substring(colon + 1))) : EnumSet.allOf(Scope.class);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("an API key entry has an empty key");
            }
            entries.add(new Entry(digest(key), scopes));
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    /** The scopes of a presented key; empty when it is not one of ours. */
    Optional<Set<Scope>> scopesOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = digest(presented);
        Set<Scope> found = null;
        for (Entry entry : entries) {
            // No early exit: every entry is compared whatever matched before.
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = found == null ? EnumSet.copyOf(entry.scopes()) : union(found, entry.scopes());
            }
        }
        return Optional.ofNullable(found);
    }

    private static Set<Scope> union(Set<Scope> a, Set<Scope> b) {
        Set<Scope> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
