package io.onestore.simulator.world;

import io.onestore.model.text.Hashtags;
import io.onestore.simulator.config.SimulatorProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated networks' content as a function of (seed, time): posts exist from {@link #origin()} on and appear when
 * their time comes; nothing here reads a clock, every query takes "now". Hours are generated on first use and kept
 * (an hour's posts never change, only their metrics, which {@link Engagement} derives from the age).
 */
public final class World {

    private final SimulatorProperties.World settings;
    private final AuthorDirectory authors;
    private final CampaignWindow campaign;
    private final HourOfPosts generator;
    private final Instant origin;
    // Filled on demand by request threads; an hour's list is immutable and the same whichever thread makes it.
    private final Map<Long, List<Post>> hours = new ConcurrentHashMap<>();

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

    /** Every post (private ones too) taken in [from, to), clamped to [origin, now], newest first. */
    public List<Post> posts(long fromEpochSecond, long toEpochSecond, long now) {
        long from = Math.max(fromEpochSecond, origin.getEpochSecond());
        long to = Math.min(toEpochSecond, now + 1);
        List<Post> result = new ArrayList<>();
        if (from >= to) {
            return result;
        }
        for (long hour = Math.floorDiv(to - 1, 3600); hour >= Math.floorDiv(from, 3600); hour--) {
            for (Post post : hours.computeIfAbsent(hour, generator::generate)) {
                if (post.takenAt() >= from && post.takenAt() < to) {
                    result.add(post);
                }
            }
        }
        return result;
    }

    /** The posts a tag's feed shows at {@code now}: public posts carrying the tag, newest first. */
    public List<Post> tagFeed(String tag, long now) {
        return posts(origin.getEpochSecond(), now + 1, now).stream()
                .filter(p -> p.isVisible() && p.hasTag(tag))
                .toList();
    }

    /**
     * A tag's media count as Instagram shows it: every post ever carrying it, private ones included, so a number the
     * feed alone can never reach. Tags of the world had posts before its origin too.
     */
    public long mediaCount(String tag, long now) {
        long inWorld = posts(origin.getEpochSecond(), now + 1, now).stream()
                .filter(p -> p.hasTag(tag))
                .count();
        return earlierTagPosts(tag) + inWorld;
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
