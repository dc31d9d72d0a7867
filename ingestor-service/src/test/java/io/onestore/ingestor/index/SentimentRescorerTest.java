package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.ingestor.normalize.CaptureAssembler;
import io.onestore.ingestor.normalize.WebTagNormalizer;
import io.onestore.ingestor.source.instagram.web.WebTagInfo;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.Sentiment;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.model.sentiment.VaderSentimentScorer;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: posts scored by the old analyser (emoji and hashtag words ignored) are re-scored from their kept raw
 * payload, against the real Elasticsearch.
 */
class SentimentRescorerTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    static ElasticsearchClient client;
    static IndexNames names;

    @TempDir
    static Path spoolDir;

    @BeforeAll
    static void installContract() {
        client = ElasticsearchTestServer.global().newClient(ContractJson.configure(new ObjectMapper()));
        names = new IndexNames(ElasticsearchTestServer.indexPrefix(SentimentRescorerTest.class));
        new IndexBootstrap(client, names).installAll();
    }

    @AfterAll
    static void close() throws IOException {
        client._transport().close();
    }

    @Test
    void storedPostsAreRescoredFromTheirRawCaptionAndASecondRunChangesNothing() throws IOException {
        // What the old scorer wrote: 0.0 for every caption it was given.
        CaptureAssembler stale =
                new CaptureAssembler(text -> text == null ? Optional.empty() : Optional.of(Sentiment.of(0.0)));
        WebTagInfo info = WebTagInfo.from(
                ContractJson.mapper()
                        .readTree(
                                """
                {"data": {"name": "rescore", "media_count": 5, "recent": {"sections": [
                  {"layout_type": "media_grid", "layout_content": {"medias": [
                    {"media": {"pk": "1", "code": "A1", "taken_at": 1764500000, "media_type": 1,
                               "caption": {"text": "😂😂😂"}, "user": {"pk": "9", "username": "u"}}},
                    {"media": {"pk": "2", "code": "A2", "taken_at": 1764500000, "media_type": 1,
                               "caption": {"text": "#blessed #happy"}, "user": {"pk": "9", "username": "u"}}},
                    {"media": {"pk": "3", "code": "A3", "taken_at": 1764500000, "media_type": 1,
                               "caption": {"text": "Honestly #disappointed with the new drop"},
                               "user": {"pk": "9", "username": "u"}}}]}},
                  {"layout_type": "media_grid", "layout_content": {"medias": [
                    {"media": {"pk": "4", "code": "A4", "taken_at": 1764500000, "media_type": 1,
                               "caption": {"text": "The store opens at nine"}, "user": {"pk": "9", "username": "u"}}},
                    {"media": {"pk": "5", "code": "A5", "taken_at": 1764500000, "media_type": 1,
                               "caption": null, "user": {"pk": "9", "username": "u"}}}]}}]}}}
                """));
        try (BulkIndexer indexer = new BulkIndexer(
                client, names, IngestTestSettings.of(spoolDir), new SimpleMeterRegistry(), new TestClock(T0))) {
            indexer.index(new WebTagNormalizer(stale).normalize(Target.hashtag("rescore"), info, T0));
            assertThat(indexer.flush(Duration.ofSeconds(30))).isTrue();
        }
        // The stored caption is not what is scored: the raw payload is.
        client.update(u -> u.index(names.posts()).id(id("1")).doc(Map.of("caption", "")), JsonNode.class);
        client.indices().refresh(r -> r.index(names.posts()));
        assertThat(sentiment("1")).isEqualTo(new Sentiment(0.0, Sentiment.Label.NEUTRAL));

        SentimentRescorer rescorer = new SentimentRescorer(client, names, new VaderSentimentScorer());
        SentimentRescorer.Report report = rescorer.rescore(2);

        assertThat(report).isEqualTo(new SentimentRescorer.Report(5, 3, 0));
        client.indices().refresh(r -> r.index(names.posts()));
        assertThat(sentiment("1")).isEqualTo(new Sentiment(0.8271, Sentiment.Label.POSITIVE));
        assertThat(sentiment("2")).isEqualTo(new Sentiment(0.8225, Sentiment.Label.POSITIVE));
        assertThat(sentiment("3")).isEqualTo(new Sentiment(-0.296, Sentiment.Label.NEGATIVE));
        assertThat(sentiment("4")).isEqualTo(new Sentiment(0.0, Sentiment.Label.NEUTRAL));
        assertThat(sentiment("5")).isNull();
        assertThat(rescorer.rescore(2)).isEqualTo(new SentimentRescorer.Report(5, 0, 0));
    }

    private static String id(String nativeId) {
        return DocumentIds.post(Platform.INSTAGRAM, nativeId);
    }

    private static Sentiment sentiment(String nativeId) throws IOException {
        JsonNode post = client.get(g -> g.index(names.posts()).id(id(nativeId)), JsonNode.class)
                .source();
        JsonNode sentiment = post.get("sentiment");
        return sentiment == null || sentiment.isNull()
                ? null
                : ContractJson.mapper().convertValue(sentiment, Sentiment.class);
    }
}
