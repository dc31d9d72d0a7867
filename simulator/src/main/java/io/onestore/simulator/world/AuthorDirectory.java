package io.onestore.simulator.world;

import io.onestore.simulator.config.SimulatorProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The world's accounts: the brands' official accounts first, then ordinary authors whose follower counts follow a
 * Pareto law (alpha 0.8, minimum 50): most have a few hundred followers, a handful have millions, the influencers an
 * influencer ranking should find.
 */
public final class AuthorDirectory {

    private static final String[] FIRST = {
        "lena", "marco", "aisha", "kenji", "sofia", "liam", "noah", "mia", "yuki", "omar", "elena", "lucas", "chloe",
        "mateo", "zoe", "ivan", "amara", "felix", "nina", "diego", "hana", "leo", "sara", "tom", "julia", "ravi",
        "emma", "jonas", "ines", "kofi"
    };
    private static final String[] LAST = {
        "runs", "kicks", "moves", "style", "fit", "lifts", "sneaks", "daily", "travels", "streets", "lab", "goes",
        "trains", "shots", "wear", "vibes", "court", "track", "skates", "laces"
    };
    private static final String[] SEPARATORS = {"", ".", "_"};

    private final List<Author> authors;
    private final Map<String, Author> byUsername = new HashMap<>();
    private final Map<String, Author> byIgId = new HashMap<>();
    private final int brandCount;

    public AuthorDirectory(long seed, SimulatorProperties.World world) {
        List<SimulatorProperties.Brand> brands = world.brands();
        this.brandCount = brands.size();
        List<Author> all = new ArrayList<>();
        for (int b = 0; b < brands.size(); b++) {
            SimulatorProperties.Brand brand = brands.get(b);
            String name = brand.handle().substring(0, 1).toUpperCase(Locale.ROOT)
                    + brand.handle().substring(1);
            all.add(new Author(
                    b,
                    igId(seed, b),
                    xId(seed, b),
                    brand.handle(),
                    name,
                    "Official account of " + name + ". #" + brand.tag(),
                    brand.followers(),
                    200 + b * 37L,
                    true,
                    false,
                    true,
                    b,
                    3_000 + 450L * (brands.size() - b)));
        }
        SplittableRandom random = SeedMix.random(seed, 0xA17L);
        for (int i = brands.size(); i < brands.size() + world.authors(); i++) {
            String username = FIRST[random.nextInt(FIRST.length)]
                    + SEPARATORS[random.nextInt(SEPARATORS.length)]
                    + LAST[random.nextInt(LAST.length)]
                    + (random.nextInt(3) == 0 ? "" : String.valueOf(random.nextInt(100)));
            String first = username.replaceAll("[^a-z].*", "");
            long followers = pareto(random);
            boolean verified = followers > 1_000_000 || (followers > 100_000 && random.nextInt(3) == 0);
            boolean isPrivate = !verified && random.nextDouble() < world.privateShare();
            all.add(new Author(
                    i,
                    igId(seed, i),
                    xId(seed, i),
                    username,
                    Character.toUpperCase(first.charAt(0)) + first.substring(1),
                    followers > 50_000 ? "Creator. Collabs via DM." : "Sneakers, runs and good coffee.",
                    followers,
                    50 + random.nextInt(1500),
                    verified,
                    isPrivate,
                    followers > 20_000 && random.nextBoolean(),
                    -1,
                    random.nextInt(800)));
        }
        List<Author> unique = new ArrayList<>();
        for (Author a : all) {
            Author author = byUsername.containsKey(a.username()) ? withUsername(a, a.username() + "_" + a.index()) : a;
            unique.add(author);
            byUsername.put(author.username(), author);
            byIgId.put(author.igId(), author);
        }
        this.authors = List.copyOf(unique);
    }

    /** Pareto(alpha 0.8, minimum 50), capped at 80 million: among 3000 authors a few reach a million. */
    private static long pareto(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.min(80_000_000L, Math.round(50 / Math.pow(u, 1 / 0.8)));
    }

    private static String igId(long seed, int index) {
        return String.valueOf(
                1_000_000_000L + index * 1_000_003L + Math.floorMod(SeedMix.mix(seed, index), 1_000_003L));
    }

    private static String xId(long seed, int index) {
        return String.valueOf(
                700_000_000_000_000_000L + index * 1_000_003_000L + Math.floorMod(SeedMix.mix(seed, index, 2), 999L));
    }

    private static Author withUsername(Author a, String username) {
        return new Author(
                a.index(),
                a.igId(),
                a.xId(),
                username,
                a.fullName(),
                a.biography(),
                a.followers(),
                a.following(),
                a.verified(),
                a.isPrivate(),
                a.business(),
                a.brand(),
                a.earlierPosts());
    }

    public List<Author> all() {
        return authors;
    }

    public Author brandAccount(int brand) {
        return authors.get(brand);
    }

    /** An ordinary author, uniformly. */
    public Author randomAuthor(SplittableRandom random) {
        return authors.get(brandCount + random.nextInt(authors.size() - brandCount));
    }

    public Optional<Author> byUsername(String username) {
        return Optional.ofNullable(byUsername.get(username.toLowerCase(Locale.ROOT)));
    }

    public Optional<Author> byIgId(String igId) {
        return Optional.ofNullable(byIgId.get(igId));
    }
}
