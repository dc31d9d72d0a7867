package io.onestore.ingestor.normalize;

import io.onestore.model.document.PostDocument;
import io.onestore.model.document.PostMetricsDocument;
import io.onestore.model.metric.Engagement;
import io.onestore.model.sentiment.SentimentScorer;
import io.onestore.model.text.Hashtags;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules the open networks share, as {@link CaptureAssembler} holds Instagram's: hashtags are the network's own
 * tags, the {@code #tags} of the text and the feeds the post was found in, all normalised; engagement and sentiment
 * are derived here. Pure: no I/O, no clock.
 */
public final class OpenPostAssembler {

    private final SentimentScorer sentiment;

    public OpenPostAssembler(SentimentScorer sentiment) {
        this.sentiment = sentiment;
    }

    public PostDocument post(OpenPost p, List<String> foundInTags, Instant capturedAt, String source) {
        Set<String> hashtags = new LinkedHashSet<>();
        p.tags().stream().map(Hashtags::normalize).flatMap(Optional::stream).forEach(hashtags::add);
        hashtags.addAll(Hashtags.extract(p.text()));
        hashtags.addAll(foundInTags);
        return new PostDocument(
                p.platform(),
                p.nativeId(),
                p.url(),
                p.author(),
                p.text(),
                List.copyOf(hashtags),
                List.copyOf(new LinkedHashSet<>(p.mentions())),
                List.copyOf(foundInTags),
                p.mediaType(),
                p.publishedAt(),
                capturedAt,
                capturedAt,
                p.likes(),
                p.comments(),
                null,
                p.shares(),
                false,
                Engagement.of(p.likes(), p.comments(), p.shares(), false),
                sentiment.score(p.text()).orElse(null),
                source,
                p.raw());
    }

    public static List<PostMetricsDocument> metrics(List<PostDocument> posts, Instant capturedAt) {
        return CaptureAssembler.metrics(posts, capturedAt);
    }
}
