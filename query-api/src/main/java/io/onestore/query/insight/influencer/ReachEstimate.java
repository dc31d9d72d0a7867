package io.onestore.query.insight.influencer;

import java.util.Locale;

/**
 * A potential-reach estimate: how many people one post of an author typically reaches, {@code followers × f}, where
 * the visibility factor {@code f} falls with the audience's size. It is an estimate from published medians, never a
 * measured reach: no network tells third parties how many people saw a post.
 *
 * <p>Instagram's factors are the median post reach rates (unique accounts reached / followers) by follower cohort
 * that Minter.io published from about 3–4 million posts of business accounts: "How Much Reach Should My Brand Be
 * Getting On Instagram?", Minter.io blog, 25 February 2019,
 * https://minter.io/blog/how-much-reach-should-my-brand-be-getting-on-instagram/ — under 20k followers 37.72 %,
 * 20k–100k 22.945 %, 100k–1M 22.885 %, over 1M 19.09 %. For the other networks no comparable published figure is
 * known to us, so their reach is null rather than a guess (docs/insights.md#reach-estimate).
 */
final class ReachEstimate {

    /** Where the factors come from, as the API states it next to every estimate. */
    static final String METHOD = "followers × median post reach rate of the follower cohort (Minter.io 2019)";

    private ReachEstimate() {}

    /**
     * @param platform the platform key ({@code instagram}, …)
     * @return people reached by a typical post, rounded; null when the followers are unknown or the platform has no
     *     published factor
     */
    static Long of(String platform, Long followers) {
        if (followers == null || followers < 0 || platform == null) {
            return null;
        }
        Double factor = factor(platform, followers);
        return factor == null ? null : Math.round(followers * factor);
    }

    /** The visibility factor of an audience of {@code followers}, or null where none is published. */
    static Double factor(String platform, long followers) {
        if (!"instagram".equals(platform.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (followers < 20_000) {
            return 0.3772;
        }
        if (followers < 100_000) {
            return 0.22945;
        }
        if (followers < 1_000_000) {
            return 0.22885;
        }
        return 0.1909;
    }
}
