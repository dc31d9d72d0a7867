package io.onestore.simulator.world;

import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import io.onestore.simulator.config.SimulatorProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/**
 * Generates every post of one hour of the world from (seed, hour) alone, so hours can be made in any order, cached,
 * and made again identically. Each brand's tag gets a Poisson number of posts around its hourly rate, shaped by the
 * time of day (quiet at 07:00 UTC, busiest at 19:00) and multiplied during the campaign; its official account posts
 * about every ten hours. There is no cap on the count: a post's number ({@code seq}) counts within its second and
 * brand, so ids stay unique up to 1,023 posts a second per brand (3.6 million an hour), which {@link
 * io.onestore.simulator.config.SimulatorProperties.Brand} enforces at start-up.
 */
final class HourOfPosts {

    private final long seed;
    private final SimulatorProperties.World world;
    private final AuthorDirectory authors;
    private final CampaignWindow campaign;

    HourOfPosts(long seed, SimulatorProperties.World world, AuthorDirectory authors, CampaignWindow campaign) {
        this.seed = seed;
        this.world = world;
        this.authors = authors;
        this.campaign = campaign;
    }

    /** Every post of the hour starting at {@code hour * 3600}, newest first. */
    List<Post> generate(long hour) {
        List<Post> posts = new ArrayList<>();
        List<SimulatorProperties.Brand> brands = world.brands();
        double diurnal = 1 + 0.6 * Math.sin(2 * Math.PI * (Math.floorMod(hour, 24) - 13) / 24.0);
        for (int b = 0; b < brands.size(); b++) {
            SplittableRandom random = SeedMix.random(seed, hour, b);
            boolean inCampaign = campaign.covers(b, hour * 3600);
            double rate = brands.get(b).postsPerHour() * diurnal * (inCampaign ? campaign.multiplier() : 1);
            int count = poisson(random, rate);
            boolean official = random.nextInt(10) == 0;
            // Seconds first, sorted, so each post's number within its second is known before its content is drawn.
            int[] seconds = new int[count + (official ? 1 : 0)];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = random.nextInt(3600);
            }
            int officialSecond = official ? seconds[count] : -1;
            Arrays.sort(seconds);
            int previous = -1;
            int seq = 0;
            boolean officialPlaced = false;
            for (int second : seconds) {
                seq = second == previous ? seq + 1 : 0;
                previous = second;
                long takenAt = hour * 3600 + second;
                if (!officialPlaced && second == officialSecond) {
                    officialPlaced = true;
                    posts.add(post(random, b, seq, takenAt, authors.brandAccount(b), inCampaign));
                } else {
                    posts.add(post(random, b, seq, takenAt, authors.randomAuthor(random), inCampaign));
                }
            }
        }
        posts.sort(Comparator.comparingLong(Post::igId).reversed());
        return List.copyOf(posts);
    }

    private Post post(SplittableRandom random, int b, int seq, long takenAt, Author author, boolean inCampaign) {
        List<SimulatorProperties.Brand> brands = world.brands();
        String brandTag = brands.get(b).tag();
        // A world of one brand has no other brand to tag (and the same draws as before for two or more).
        String other = random.nextDouble() < 0.15 && brands.size() > 1
                ? brands.get((b + 1 + random.nextInt(brands.size() - 1)) % brands.size())
                        .tag()
                : null;
        String mention = null;
        if (random.nextDouble() < 0.25) {
            mention = random.nextBoolean()
                    ? brands.get(b).handle()
                    : authors.randomAuthor(random).username();
        }
        CaptionWriter.Caption caption = CaptionWriter.write(
                random, brandTag, other, inCampaign ? campaign.hashtag() : null, mention, inCampaign ? 0.8 : 0.55);

        double kindDraw = random.nextDouble();
        MediaKind kind = kindDraw < 0.70 ? MediaKind.IMAGE : kindDraw < 0.85 ? MediaKind.VIDEO : MediaKind.CAROUSEL;
        int carouselSize = kind == MediaKind.CAROUSEL ? 2 + random.nextInt(8) : 0;

        double gaussian =
                Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        double appeal = (3 + 0.08 * Math.pow(author.followers(), 0.85))
                * Math.exp(0.7 * gaussian)
                * (kind == MediaKind.VIDEO ? 1.3 : 1)
                * (inCampaign ? 1.6 : 1)
                * (caption.sentiment() == Post.Sentiment.NEGATIVE ? 0.7 : 1);
        boolean hidden = random.nextDouble() < world.hiddenLikesShare();

        Set<String> tags = new LinkedHashSet<>(Hashtags.extract(caption.caption()));
        tags.addAll(Hashtags.extract(caption.firstComment()));
        return new Post(
                takenAt,
                b,
                seq,
                author,
                kind,
                carouselSize,
                caption.caption(),
                caption.firstComment(),
                List.copyOf(tags),
                Mentions.extract(caption.caption()),
                caption.sentiment(),
                inCampaign,
                appeal,
                hidden,
                random.nextBoolean() ? -1 : 3);
    }

    /**
     * A Poisson draw by Commons RNG's sampler, which switches to a rejection method for large means: exact in
     * distribution at any rate, where the former normal approximation with a hand-rolled Box-Muller drifted at tens of
     * thousands an hour. The hour's own stream feeds it, so the count stays a function of (seed, hour, brand).
     */
    private static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        UniformRandomProvider source = random::nextLong;
        return PoissonSampler.of(source, mean).sample();
    }
}
