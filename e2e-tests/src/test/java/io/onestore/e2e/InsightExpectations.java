package io.onestore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The insights' numbers computed independently in the test, from the stored post documents, with the formulas of
 * docs/insights.md: what the query-api answers must match them.
 */
final class InsightExpectations {

    private InsightExpectations() {}

    /** Author ids in the order docs/insights.md#influencers ranks them, over posts that carry an author. */
    static List<String> influencerOrder(List<JsonNode> posts, int limit, int candidateFactor) {
        Map<String, List<Long>> engagements = new LinkedHashMap<>();
        Map<String, Integer> postCounts = new LinkedHashMap<>();
        for (JsonNode post : posts) {
            String author = post.at("/author/id").asText(null);
            if (author != null) {
                postCounts.merge(author, 1, Integer::sum);
                List<Long> known = engagements.computeIfAbsent(author, a -> new ArrayList<>());
                // An absent engagement is unknown: out of the total and the median, never 0.
                if (post.hasNonNull("engagement")) {
                    known.add(post.get("engagement").asLong());
                }
            }
        }
        record Author(String id, long total, int posts, double score) {}
        List<Author> authors = new ArrayList<>();
        engagements.forEach((id, values) -> {
            long total = values.stream().mapToLong(Long::longValue).sum();
            double score = values.isEmpty() ? 0 : median(values) * (Math.log(1 + postCounts.get(id)) / Math.log(2));
            authors.add(new Author(id, total, postCounts.get(id), score));
        });
        // the candidates: the limit × factor authors with the most total engagement (ties by posts, then by id)
        List<Author> candidates = authors.stream()
                .sorted(Comparator.comparingLong(Author::total)
                        .reversed()
                        .thenComparing(Comparator.comparingInt(Author::posts).reversed())
                        .thenComparing(Author::id))
                .limit((long) limit * candidateFactor)
                .toList();
        return candidates.stream()
                .sorted(Comparator.comparingDouble(Author::score)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(Author::total).reversed())
                        .thenComparing(Comparator.comparingInt(Author::posts).reversed())
                        .thenComparing(Author::id))
                .limit(limit)
                .map(Author::id)
                .toList();
    }

    /** Label counts and the mean compound score (4 places) of the posts that have a sentiment. */
    record Sentiment(long positive, long neutral, long negative, Double mean) {}

    static Sentiment sentiment(List<JsonNode> posts) {
        long positive = 0;
        long neutral = 0;
        long negative = 0;
        double sum = 0;
        int scored = 0;
        for (JsonNode post : posts) {
            JsonNode sentiment = post.path("sentiment");
            if (!sentiment.hasNonNull("label")) {
                continue;
            }
            switch (sentiment.get("label").asText()) {
                case "positive" -> positive++;
                case "negative" -> negative++;
                default -> neutral++;
            }
            sum += sentiment.path("compound").asDouble();
            scored++;
        }
        Double mean = scored == 0 ? null : Math.round(sum / scored * 10_000) / 10_000.0;
        return new Sentiment(positive, neutral, negative, mean);
    }

    /**
     * The starts of the buckets of {@code [from, to)} whose post count spikes by docs/insights.md#spikes: above the
     * median of the {@code trailing} buckets before it by more than {@code k} robust deviations (1.4826 × MAD, at
     * least {@code minDeviation}).
     */
    static TreeSet<Instant> postSpikes(
            List<JsonNode> posts,
            Instant from,
            Instant to,
            Duration interval,
            int trailing,
            double k,
            double minDeviation) {
        long size = interval.toMillis();
        long first = Math.floorDiv(from.toEpochMilli(), size) - trailing;
        long last = Math.floorDiv(to.toEpochMilli() - 1, size);
        long[] counts = new long[(int) (last - first + 1)];
        for (JsonNode post : posts) {
            long bucket = Math.floorDiv(
                    Instant.parse(post.get("published_at").asText()).toEpochMilli(), size);
            if (bucket >= first && bucket <= last) {
                counts[(int) (bucket - first)]++;
            }
        }
        TreeSet<Instant> spikes = new TreeSet<>();
        for (int i = trailing; i < counts.length; i++) {
            double[] baseline = Arrays.stream(Arrays.copyOfRange(counts, i - trailing, i))
                    .asDoubleStream()
                    .toArray();
            double median = median(baseline);
            double mad = median(
                    Arrays.stream(baseline).map(x -> Math.abs(x - median)).toArray());
            double deviation = Math.max(1.4826 * mad, minDeviation);
            if ((counts[i] - median) / deviation > k) {
                spikes.add(Instant.ofEpochMilli((first + i) * size));
            }
        }
        return spikes;
    }

    private static double median(List<Long> values) {
        return median(values.stream().mapToDouble(Long::doubleValue).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
