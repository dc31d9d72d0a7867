package io.onestore.simulator.config;

import io.onestore.simulator.fault.FaultSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code onestore.simulator.*}: the world (seed, brands, authors, campaign), the simulated clock, the per-token limits
 * and the faults injected from start-up. Commented defaults in {@code application.yml}.
 *
 * @param fixedTime pins the simulated clock (benchmarks, reproducing a response); null means the system clock
 * @param clockRate simulated seconds per real second from {@code fixedTime} (or the start-up instant) on; 0 keeps a
 *     fixed time pinned, 1 is real time, 60 makes a simulated hour pass in a real minute (end-to-end tests of capture
 *     over hours)
 * @param origin first instant of the world; null means midnight UTC of the start-up day minus {@code world.history}
 * @param pageSize items per page of the Instagram feeds
 * @param webLayout which row layouts the web tag answer uses
 */
@Validated
@ConfigurationProperties("onestore.simulator")
public record SimulatorProperties(
        @DefaultValue("42") long seed,
        Instant fixedTime,
        @Min(0) @DefaultValue("0") double clockRate,
        Instant origin,
        @Min(1) @Max(200) @DefaultValue("24") int pageSize,
        @Valid @NotNull @DefaultValue WebLayout webLayout,
        @Valid @NotNull @DefaultValue World world,
        @Valid @NotNull @DefaultValue Campaign campaign,
        @Valid @NotNull @DefaultValue Limits limits,
        @Valid @NotNull @DefaultValue FaultSettings faults,
        @Valid @NotNull @DefaultValue Jetstream jetstream) {

    /**
     * The Jetstream stand-in ({@code /subscribe}).
     *
     * @param replayWindow how far back a cursor can replay; an older cursor starts at the oldest event kept
     * @param deleteShare the share of posts their authors delete, {@code deleteAfter} after posting
     * @param dropEvery close the connection after this many events (0: never), to exercise reconnects
     * @param engagementWindow how long after posting a post's likes and reposts are sent (each at the moment the
     *     world's engagement curve reaches it); later ones are not, which bounds how far back each chunk of the
     *     stream looks; zero sends none
     */
    public record Jetstream(
            @NotNull @DefaultValue("24h") java.time.Duration replayWindow,
            @DefaultValue("0.05") double deleteShare,
            @NotNull @DefaultValue("10m") java.time.Duration deleteAfter,
            @Min(0) @DefaultValue("0") int dropEvery,
            @NotNull @DefaultValue("1h") java.time.Duration engagementWindow) {}

    /**
     * @param clipsRows serve clips rows (a reel beside four fill items) among the grid rows, as upstream does
     * @param unknownSection serve the last row of each web page in a layout no collector knows (tests only: its
     *     posts are then missing from what a collector can read)
     */
    public record WebLayout(@DefaultValue("true") boolean clipsRows, @DefaultValue("false") boolean unknownSection) {}

    /**
     * @param authors how many ordinary authors (brand accounts come on top)
     * @param history how far back the world is back-filled before the start-up day
     * @param privateShare share of authors whose profiles (and posts) are private
     * @param hiddenLikesShare share of posts whose like count is hidden
     * @param feedDisorder how far out of date order a tag feed is: each post sits as if up to this much older
     * @param cachedPosts how many generated posts stay in memory (older hours are made again when asked for)
     * @param dailySwing how far the time of day moves a tag's hourly rate: the rate times {@code 1 + dailySwing *
     *     sin(2 pi (hour - 13) / 24)}, quietest at 07:00 UTC and busiest at 19:00; 0 makes every hour alike (tests
     *     whose load must not depend on when they run)
     */
    public record World(
            @Min(10) @DefaultValue("3000") int authors,
            @NotNull @DefaultValue("14d") Duration history,
            @DefaultValue("0.08") double privateShare,
            @DefaultValue("0.06") double hiddenLikesShare,
            List<Brand> brands,
            @NotNull @DefaultValue("2s") Duration feedDisorder,
            @Min(10_000) @DefaultValue("2000000") long cachedPosts,
            @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.6") double dailySwing) {

        /** The defaults for everything but the five main settings (tests). */
        public World(int authors, Duration history, double privateShare, double hiddenLikesShare, List<Brand> brands) {
            this(authors, history, privateShare, hiddenLikesShare, brands, Duration.ofSeconds(2), 2_000_000L, 0.6);
        }

        @ConstructorBinding
        public World {
            if (brands == null || brands.isEmpty()) {
                brands = List.of(
                        new Brand("nike", "nike", 24, 298_000_000L),
                        new Brand("adidas", "adidas", 16, 29_600_000L),
                        new Brand("puma", "puma", 10, 12_400_000L),
                        new Brand("vans", "vans", 6, 8_100_000L));
            } else {
                brands = List.copyOf(brands);
            }
        }
    }

    /**
     * @param tag the brand hashtag (also its official handle)
     * @param postsPerHour mean posting rate at an average hour of the day (private posts included); at most
     *     {@value #MAX_POSTS_PER_HOUR}, the id scheme's 1,023 posts a second, with the busiest hour and a campaign's
     *     multiplier well inside it
     * @param followers the official account's followers
     */
    public record Brand(String tag, String handle, double postsPerHour, long followers) {

        public static final double MAX_POSTS_PER_HOUR = 500_000;

        public Brand {
            if (postsPerHour < 0 || postsPerHour > MAX_POSTS_PER_HOUR) {
                throw new IllegalArgumentException("posts-per-hour of #" + tag + " must be between 0 and "
                        + (long) MAX_POSTS_PER_HOUR + ", was " + postsPerHour);
            }
        }
    }

    /**
     * A scripted campaign: during [origin + startOffset, + duration) the brand's tag gets {@code multiplier} times its
     * usual posts, more positive captions, more engagement and the campaign hashtag.
     */
    public record Campaign(
            @DefaultValue("puma") String brand,
            @DefaultValue("forevermore") String hashtag,
            @NotNull @DefaultValue("10d") Duration startOffset,
            @NotNull @DefaultValue("3d") Duration duration,
            @DefaultValue("5") double multiplier) {}

    /** Per-token budgets, after the real networks' published limits (the web default, 200 an hour, is in application.yml). */
    public record Limits(
            @Valid @NotNull @DefaultValue Window web,
            @Valid @NotNull @DefaultValue Window anonymous,
            @Valid @NotNull @DefaultValue Graph graph,
            @Valid @NotNull @DefaultValue X x,
            @Valid @NotNull @DefaultValue TikTok tiktok,
            @Valid @NotNull @DefaultValue Window mastodon,
            @Valid @NotNull @DefaultValue Window appview) {}

    /** A fixed window: {@code requests} per {@code window} per token. */
    public record Window(@DefaultValue("20") int requests, @DefaultValue("1h") Duration window) {}

    /**
     * @param callsPerHour per user token (error code 17 beyond)
     * @param appCallsPerHour over all tokens (error code 4 beyond)
     * @param uniqueHashtags per user per rolling {@code hashtagWindow}
     */
    public record Graph(
            @DefaultValue("200") int callsPerHour,
            @DefaultValue("4800") int appCallsPerHour,
            @DefaultValue("30") int uniqueHashtags,
            @DefaultValue("7d") Duration hashtagWindow) {}

    /** X v2 search/recent with app auth: 450 requests per 15 minutes. */
    public record X(@DefaultValue("450") int requests, @DefaultValue("15m") Duration window) {}

    /**
     * TikTok Research API, per client (not per token: a client's tokens share its quota), reset at 00:00 UTC.
     *
     * @param requestsPerDay query requests per client per UTC day
     * @param recordsPerDay videos served per client per UTC day
     * @param tokenLifetime how long a client access token from {@code /v2/oauth/token/} is accepted
     */
    public record TikTok(
            @DefaultValue("1000") int requestsPerDay,
            @DefaultValue("100000") int recordsPerDay,
            @NotNull @DefaultValue("2h") Duration tokenLifetime) {}
}
