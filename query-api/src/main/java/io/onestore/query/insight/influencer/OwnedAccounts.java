package io.onestore.query.insight.influencer;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accounts a brand owns, which an influencer ranking leaves out by default: a brand's own account is not an
 * influencer it can work with, and it would otherwise often rank first around its own hashtag.
 *
 * @param handles lower-case usernames without {@code @}
 * @param include true to list them anyway (marked {@code owned})
 */
public record OwnedAccounts(Set<String> handles, boolean include) {

    public OwnedAccounts {
        handles = Set.copyOf(handles);
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
}
