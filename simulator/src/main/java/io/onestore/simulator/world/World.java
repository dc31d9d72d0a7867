package io.onestore.simulator.world;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.onestore.model.text.Hashtags;
import io.onestore.simulator.config.SimulatorProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated networks' content as a function of (seed, time): posts exist from {@link #origin()} on and appear when
 * their time comes; nothing here reads a clock, every query takes "now". Hours are generated on first use and kept
 * (an hour's posts never change, only their metrics, which {@link Engagement} derives from the age).
 */
public final class World {

    private static final long HOUR = 3600;

    private final SimulatorProperties.World settings;
    private final AuthorDirectory authors;
    private final CampaignWindow campaign;
    private final HourOfPosts generator;
    private final Instant origin;
    private final long disorderSeconds;
    private final Comparator<Post> feedOrder;
    // Hours are made on demand by request threads and evicted by post count: a brand at tens of thousands of posts an
    // hour cannot keep its whole history in memory, and an evicted hour is made again identically.
    private final LoadingCache<Long, PostHour> hours;
    // Per hour, the number of posts (private ones too) of each tag: kept for every complete hour, so a tag's media
    // count does not need the hours' posts again.
    private final Map<Long, Map<String, Integer>> tagCounts = new ConcurrentHashMap<>();

    public World(
            long seed,
            SimulatorProperties.World settings,
            SimulatorProperties.Campaign campaignSettings,
            Instant origin) {
        this.settings = settings;
        this.origin = origin;
        this.authors = new AuthorDirectory(seed, settings);
        int brand = -1;
        for (int b = 0; b < settings.brands().size(); b++) {
            if (settings.brands().get(b).tag().equals(campaignSettings.brand())) {
                brand = b;
            }
        }
        Instant start = origin.plus(campaignSettings.startOffset());
        this.campaign = new CampaignWindow(
                brand,
                Hashtags.normalize(campaignSettings.hashtag()).orElse("campaign"),
                start,
                start.plus(campaignSettings.duration()),
                campaignSettings.multiplier());
        this.generator = new HourOfPosts(seed, settings, authors, campaign);
        this.disorderSeconds = settings.feedDisorder().toSeconds();
        Comparator<Post> byKey = Comparator.comparingLong(this::feedKey);
        this.feedOrder = byKey.thenComparingLong(Post::igId).reversed();
        this.hours = Caffeine.newBuilder()
                .maximumWeight(settings.cachedPosts())
                .<Long, PostHour>weigher((hour, posts) -> Math.max(1, posts.size()))
                .build(hour -> new PostHour(generator.generate(hour), feedOrder));
    }

    public Instant origin() {
        return origin;
    }

    public CampaignWindow campaign() {
        return campaign;
    }

    public AuthorDirectory authors() {
        return authors;
    }

    public List<SimulatorProperties.Brand> brands() {
        return settings.brands();
    }

    /**
     * Where a post sits in its tags' feeds: its time less a delay of up to {@code world.feed-disorder}, the same for
     * every request. Feeds are ordered by this key, newest first, so they are only roughly in date order, as upstream's
     * are: a post can follow posts a few seconds older than itself.
     */
    public long feedKey(Post post) {
        return feedKey(post.igId(), post.takenAt());
    }

    private long feedKey(long igId, long takenAt) {
        if (disorderSeconds <= 0) {
            return takenAt;
        }
        return takenAt - (long) (SeedMix.unit(igId) * (disorderSeconds + 1));
    }

    /** Every post (private ones too) taken in [from, to), clamped to [origin, now], newest first. */
    public List<Post> posts(long fromEpochSecond, long toEpochSecond, long now) {
        long from = Math.max(fromEpochSecond, origin.getEpochSecond());
        long to = Math.min(toEpochSecond, now + 1);
        List<Post> result = new ArrayList<>();
        if (from >= to) {
            return result;
        }
        for (long hour = Math.floorDiv(to - 1, HOUR); hour >= Math.floorDiv(from, HOUR); hour--) {
            for (Post post : hours.get(hour).posts()) {
                if (post.takenAt() >= from && post.takenAt() < to) {
                    result.add(post);
                }
            }
        }
        return result;
    }

    /** Every post a tag's feed shows at {@code now}: public posts carrying the tag, in feed order. */
    public List<Post> tagFeed(String tag, long now) {
        return tagFeedPage(tag, now, OptionalLong.empty(), Integer.MAX_VALUE - 1, Long.MIN_VALUE)
                .items();
    }

    /**
     * One page of a tag's feed at {@code now}: public posts carrying the tag taken at or after {@code notBefore}, in
     * feed order, starting strictly after the post whose Instagram id is {@code afterIgId} (empty: from the newest).
     * Reads only the hours the page needs.
     */
    public FeedPage tagFeedPage(String tag, long now, OptionalLong afterIgId, int size, long notBefore) {
        long lowest = Math.max(origin.getEpochSecond(), notBefore);
        if (now < lowest) {
            return new FeedPage(List.of(), false);
        }
        boolean paged = afterIgId.isPresent();
        long afterId = afterIgId.orElse(0);
        long afterKey = paged ? feedKey(afterId, Post.takenAtOfIgId(afterId)) : 0;
        long top = paged ? Math.min(now, afterKey + disorderSeconds) : now;
        List<Post> found = new ArrayList<>();
        long lowestHour = Math.floorDiv(lowest, HOUR);
        for (long hour = Math.floorDiv(top, HOUR); hour >= lowestHour; hour--) {
            for (Post post : hours.get(hour).withTag(tag)) {
                if (post.isVisible()
                        && post.takenAt() <= now
                        && post.takenAt() >= lowest
                        && (!paged || isAfter(post, afterKey, afterId))) {
                    found.add(post);
                }
            }
            // Posts of earlier hours all sort below this hour's start: what is above it is final.
            long settledAbove = hour * HOUR;
            if (found.stream().filter(p -> feedKey(p) >= settledAbove).count() > size) {
                break;
            }
        }
        found.sort(feedOrder);
        boolean more = found.size() > size;
        return new FeedPage(List.copyOf(more ? found.subList(0, size) : found), more);
    }

    private boolean isAfter(Post post, long afterKey, long afterId) {
        long key = feedKey(post);
        return key < afterKey || (key == afterKey && post.igId() < afterId);
    }

    /**
     * A tag's media count as Instagram shows it: every post ever carrying it, private ones included, so a number the
     * feed alone can never reach. Tags of the world had posts before its origin too.
     */
    public long mediaCount(String tag, long now) {
        long inWorld = 0;
        long first = Math.floorDiv(origin.getEpochSecond(), HOUR);
        for (long hour = Math.floorDiv(now, HOUR); hour >= first; hour--) {
            if ((hour + 1) * HOUR - 1 <= now) {
                inWorld += tagCounts.computeIfAbsent(hour, this::countTags).getOrDefault(tag, 0);
            } else {
                inWorld += hours.get(hour).withTag(tag).stream()
                        .filter(p -> p.takenAt() <= now)
                        .count();
            }
        }
        return earlierTagPosts(tag) + inWorld;
    }

    private Map<String, Integer> countTags(long hour) {
        Map<String, Integer> counts = new HashMap<>();
        for (Post post : hours.get(hour).posts()) {
            post.tags().forEach(tag -> counts.merge(tag, 1, Integer::sum));
        }
        return Map.copyOf(counts);
    }

    private long earlierTagPosts(String tag) {
        for (SimulatorProperties.Brand brand : settings.brands()) {
            if (brand.tag().equals(tag)) {
                return Math.round(brand.postsPerHour() * 24 * 365 * 40);
            }
        }
        boolean seen = posts(origin.getEpochSecond(), origin.getEpochSecond() + 86_400, Long.MAX_VALUE - 1).stream()
                .anyMatch(p -> p.hasTag(tag));
        return seen ? 50_000 + Math.floorMod(SeedMix.of(tag), 5_000_000L) : 0;
    }

    /** The author's posts at {@code now}, newest first (private or not: the caller decides what to show). */
    public List<Post> postsBy(Author author, long now) {
        return posts(origin.getEpochSecond(), now + 1, now).stream()
                .filter(p -> p.author().index() == author.index())
                .toList();
    }

    public long mediaCount(Author author, long now) {
        return author.earlierPosts() + postsBy(author, now).size();
    }
}
