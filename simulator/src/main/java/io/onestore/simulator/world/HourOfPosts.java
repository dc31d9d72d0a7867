package io.onestore.simulator.world;

import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import io.onestore.simulator.config.SimulatorProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates every post of one hour of the world from (seed, hour) alone, so hours can be made in any order, cached,
 * and made again identically. Each brand's tag gets a Poisson number of posts around its hourly rate, shaped by the
 * time of day (quiet at 07:00 UTC, busiest at 19:00) and multiplied during the campaign; its official account posts
 * about every ten hours.
 */
final class HourOfPosts {

    private static final int MAX_PER_BRAND_HOUR = 1000;
    private static final int OFFICIAL_SEQ = 1023;

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
            int count = Math.min(MAX_PER_BRAND_HOUR, poisson(random, rate));
            for (int seq = 0; seq < count; seq++) {
                long takenAt = hour * 3600 + random.nextInt(3600);
                posts.add(post(random, b, seq, takenAt, authors.randomAuthor(random), inCampaign));
            }
            if (random.nextInt(10) == 0) {
                long takenAt = hour * 3600 + random.nextInt(3600);
                posts.add(post(random, b, OFFICIAL_SEQ, takenAt, authors.brandAccount(b), inCampaign));
            }
        }
        posts.sort(Comparator.comparingLong(Post::igId).reversed());
        return List.copyOf(posts);
    }

    private Post post(SplittableRandom random, int b, int seq, long takenAt, Author author, boolean inCampaign) {
        List<SimulatorProperties.Brand> brands = world.brands();
        String brandTag = brands.get(b).tag();
        String other = random.nextDouble() < 0.15
                ? brands.get((b + 1 + random.nextInt(brands.size() - 1)) % brands.size())
                        .tag()
                : null;
        if (brands.size() < 2) {
            other = null;
        }
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

    private static int poisson(SplittableRandom random, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            double gaussian =
                    Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian));
        }
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
