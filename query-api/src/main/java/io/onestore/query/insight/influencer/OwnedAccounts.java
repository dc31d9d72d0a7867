package io.onestore.query.insight.influencer;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accounts a brand owns, which an influencer ranking leaves out by default: a brand's own account is not an
 * influencer it can work with, and it would otherwise often rank first around its own hashtag. An account is named
 * as its network names its authors: the Instagram, X or TikTok username, the Mastodon {@code user@server}, the
 * Bluesky handle ({@code brand.bsky.social}) or DID. Bluesky's posts carry only the DID, so a handle is matched through
 * the DID its profile snapshots give it ({@link #withIds}).
 *
 * @param handles lower-case usernames (or DIDs) without {@code @}
 * @param include true to list them anyway (marked {@code owned})
 * @param ids author ids (Bluesky DIDs) of owned handles, to the handle: posts that carry no username are matched by
 *     these
 */
public record OwnedAccounts(Set<String> handles, boolean include, Map<String, String> ids) {

    public OwnedAccounts {
        handles = Set.copyOf(handles);
        ids = Map.copyOf(ids);
    }

    public OwnedAccounts(Set<String> handles, boolean include) {
        this(handles, include, Map.of());
    }

    /** The same accounts, also matched by these author ids (id to handle). */
    OwnedAccounts withIds(Map<String, String> more) {
        return new OwnedAccounts(handles, include, more);
    }

    /** The configured owned accounts plus {@code more} (a campaign's handles), normalised. */
    public static OwnedAccounts of(Collection<String> configured, Collection<String> more, boolean include) {
        Set<String> all = new TreeSet<>();
        for (Collection<String> source : List.of(configured, more)) {
            for (String handle : source) {
                String h = handle.strip().toLowerCase(Locale.ROOT);
                h = h.startsWith("@") ? h.substring(1) : h;
                if (!h.isEmpty()) {
                    all.add(h);
                }
            }
        }
        return new OwnedAccounts(all, include);
    }

    boolean owns(String username) {
        return username != null && handles.contains(username.toLowerCase(Locale.ROOT));
    }

    /** Whether an author is owned: by its username, else by its id (a DID named, or the DID of an owned handle). */
    boolean owns(String username, String authorId) {
        return owns(username) || (authorId != null && (ids.containsKey(authorId) || owns(authorId)));
    }

    /** How an owned author is named in {@code ownedExcluded}: its username, the handle of its id, else the id. */
    String name(String username, String authorId) {
        if (username != null) {
            return username.toLowerCase(Locale.ROOT);
        }
        return ids.getOrDefault(authorId, authorId);
    }
}
