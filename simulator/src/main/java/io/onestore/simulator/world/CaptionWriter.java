package io.onestore.simulator.world;

import io.onestore.simulator.world.Post.Sentiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes captions the way people do: a sentence with a clear sentiment (so the sentiment insight has something to
 * find), the brand's tag in varying case, other brands' tags now and then, everyday and non-Latin tags (so Unicode
 * normalisation is exercised), mentions, and sometimes the tags only in the author's first comment.
 */
final class CaptionWriter {

    private static final String[] POSITIVE = {
        "Absolutely love these new %s kicks! 😍",
        "Best run of my life in the new %s shoes 🔥",
        "So happy with my %s order, amazing quality and super comfortable.",
        "Great fit, great colours, totally worth it. Thank you %s!",
        "These %s trainers are perfect for the marathon, love them ❤️"
    };
    private static final String[] NEUTRAL = {
        "New drop from %s today.",
        "Picked up a pair of %s at the mall this afternoon.",
        "Wearing %s for today's session.",
        "%s store on the corner changed its opening hours.",
        "Morning run, 8 km, %s on my feet."
    };
    private static final String[] NEGATIVE = {
        "Really disappointed with %s, the sole broke after two weeks.",
        "Terrible customer service from %s, still waiting for my refund. 😡",
        "Worst purchase this year, would not recommend %s.",
        "The sizes are awful and %s quality got worse. Sad.",
        "Ordered %s a month ago, nothing arrived. Horrible."
    };
    private static final String[] CAMPAIGN = {
        "Joined the %s launch run today, what an amazing crowd! 🚀",
        "Finally got the new %s collection, love it, incredible design!",
        "The %s event was fantastic, best weekend ever."
    };
    private static final String[] EVERYDAY_TAGS = {
        "sneakers",
        "Running",
        "streetstyle",
        "SneakerHead",
        "café",
        "Fußball",
        "スニーカー",
        "moda",
        "trainingday",
        "kicks",
        "ootd",
        "laufen",
        "運動"
    };

    private CaptionWriter() {}

    record Caption(String caption, String firstComment, Sentiment sentiment) {}

    static Caption write(
            SplittableRandom random,
            String brandTag,
            String otherBrandTag,
            String campaignTag,
            String mention,
            double positiveShare) {
        double draw = random.nextDouble();
        Sentiment sentiment = draw < positiveShare
                ? Sentiment.POSITIVE
                : draw < positiveShare + (1 - positiveShare) * 0.65 ? Sentiment.NEUTRAL : Sentiment.NEGATIVE;
        String[] sentences =
                switch (sentiment) {
                    case POSITIVE -> campaignTag != null && random.nextBoolean() ? CAMPAIGN : POSITIVE;
                    case NEUTRAL -> NEUTRAL;
                    case NEGATIVE -> NEGATIVE;
                };
        String brandName = Character.toUpperCase(brandTag.charAt(0)) + brandTag.substring(1);
        String sentence = String.format(sentences[random.nextInt(sentences.length)], brandName);

        List<String> tags = new ArrayList<>();
        tags.add("#" + styled(random, brandTag));
        if (campaignTag != null) {
            tags.add("#" + campaignTag);
        }
        if (otherBrandTag != null) {
            tags.add("#" + otherBrandTag);
        }
        int everyday = random.nextInt(4);
        for (int i = 0; i < everyday; i++) {
            tags.add("#" + EVERYDAY_TAGS[random.nextInt(EVERYDAY_TAGS.length)]);
        }
        String tagLine = String.join(" ", tags);
        String mentionText = mention == null ? "" : " with @" + mention;

        double where = random.nextDouble();
        if (where < 0.03) {
            return new Caption(null, tagLine, sentiment); // no caption at all, the tags in the first comment
        }
        if (where < 0.10) {
            return new Caption(sentence + mentionText, tagLine, sentiment);
        }
        return new Caption(sentence + mentionText + "\n\n" + tagLine, null, sentiment);
    }

    private static String styled(SplittableRandom random, String tag) {
        return switch (random.nextInt(6)) {
            case 0 -> tag.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(tag.charAt(0)) + tag.substring(1);
            default -> tag;
        };
    }
}
