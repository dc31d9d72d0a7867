package io.onestore.simulator.x;

import io.onestore.model.text.Hashtags;
import io.onestore.simulator.world.Post;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The subset of X's search query language the simulator understands: {@code #tag}, {@code @user}, {@code from:user},
 * plain words (case-insensitive, in the text), all ANDed; {@code OR} between terms; {@code -term} negates; operators
 * such as {@code lang:en} or {@code -is:retweet} are accepted and ignored (the world has no retweets).
 */
record TweetQuery(List<List<Predicate<Post>>> anyOf) {

    static TweetQuery parse(String query) {
        List<List<Predicate<Post>>> groups = new ArrayList<>();
        List<Predicate<Post>> current = new ArrayList<>();
        for (String token : query.trim().split("\\s+")) {
            if (token.isEmpty() || token.equals("(") || token.equals(")")) {
                continue;
            }
            if (token.equals("OR")) {
                groups.add(current);
                current = new ArrayList<>();
                continue;
            }
            boolean negated = token.startsWith("-");
            String term =
                    (negated ? token.substring(1) : token).replace("(", "").replace(")", "");
            Predicate<Post> predicate = term(term);
            current.add(negated ? predicate.negate() : predicate);
        }
        groups.add(current);
        return new TweetQuery(groups);
    }

    private static Predicate<Post> term(String term) {
        String lower = term.toLowerCase(Locale.ROOT);
        if (term.startsWith("#")) {
            String tag = Hashtags.normalize(term).orElse("");
            return p -> p.hasTag(tag);
        }
        if (lower.startsWith("from:")) {
            String user = lower.substring(5);
            return p -> p.author().username().equals(user);
        }
        if (term.startsWith("@")) {
            String user = lower.substring(1);
            return p -> p.mentions().contains(user);
        }
        if (lower.startsWith("is:") || lower.startsWith("lang:") || lower.startsWith("has:")) {
            return lower.equals("is:retweet") || lower.equals("is:reply") || lower.equals("is:quote")
                    ? p -> false
                    : p -> true;
        }
        String word = lower.replace("\"", "");
        return p -> TweetShapes.text(p).toLowerCase(Locale.ROOT).contains(word);
    }

    boolean matches(Post post) {
        return anyOf.stream().anyMatch(all -> !all.isEmpty() && all.stream().allMatch(p -> p.test(post)));
    }
}
