package io.onestore.ingestor.capture.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.account.SharedSpend;
import io.onestore.ingestor.config.TikTokSettings;
import io.onestore.ingestor.normalize.TikTokVideoNormalizer;
import io.onestore.ingestor.source.tiktok.ClientCredentials;
import io.onestore.ingestor.source.tiktok.ResearchQuota;
import io.onestore.ingestor.source.tiktok.TikTokResearchClient;
import io.onestore.model.json.ContractJson;
import io.onestore.model.sentiment.VaderSentimentScorer;
import io.onestore.testsupport.time.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/** A TikTok client and fetcher over WireMock, with a hand-moved clock and small quotas where a test wants them. */
final class TikTokRig {

    static final String QUERY = "/v2/research/video/query/";
    static final String TOKEN = "/v2/oauth/token/";

    final TestClock clock;
    final ResearchQuota quota;
    final TikTokResearchClient client;
    final TikTokTargetFetcher fetcher;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    TikTokRig(WireMockServer server, Instant now, int requestsPerDay, long recordsPerDay, Duration maxLookback) {
        this.clock = new TestClock(now);
        TikTokSettings settings = settings(URI.create(server.baseUrl()), requestsPerDay, recordsPerDay, maxLookback);
        this.quota = new ResearchQuota(requestsPerDay, recordsPerDay, clock);
        this.client = new TikTokResearchClient(
                WebClient.builder().build(),
                ContractJson.mapper(),
                settings.baseUrl(),
                new ClientCredentials("test-key", "test-secret"),
                quota,
                settings.fields(),
                settings.tokenRefreshMargin(),
                settings.timeout(),
                clock,
                meters);
        this.fetcher = new TikTokTargetFetcher(
                client,
                new TikTokVideoNormalizer(new VaderSentimentScorer()),
                settings,
                ContractJson.mapper(),
                quota,
                new Alone(quota, clock));
    }

    /**
     * No other process: nothing was stored for a target today, and publishing keeps nothing. These tests are about
     * the client and the fetcher; the shared store is {@code TikTokEndToEndTest}'s, over the real Elasticsearch.
     */
    private record Alone(ResearchQuota quota, TestClock clock) implements SharedSpend<ResearchQuota.DaySpend> {

        @Override
        public ResearchQuota.DaySpend today(String targetId) {
            return quota.day(targetId, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), null);
        }

        @Override
        public void publish(String targetId) {
            quota.take(targetId);
        }
    }

    static TikTokSettings settings(URI base, int requestsPerDay, long recordsPerDay, Duration maxLookback) {
        return new TikTokSettings(
                base,
                "test-key",
                null,
                "test-secret",
                null,
                100,
                30,
                requestsPerDay,
                recordsPerDay,
                Duration.ofMinutes(5),
                maxLookback,
                Duration.ofDays(7),
                "id,video_description,create_time,like_count,comment_count,share_count,view_count,hashtag_names,username",
                Duration.ofSeconds(10),
                DataSize.ofMegabytes(8));
    }

    static MappingBuilder query() {
        return post(urlPathEqualTo(QUERY));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder token(String value) {
        return json(200, "{\"access_token\":\"" + value + "\",\"expires_in\":7200,\"token_type\":\"Bearer\"}");
    }

    /** A page of videos {@code ids} created at {@code times} (epoch seconds). */
    static String page(long[] ids, long[] times, int cursor, boolean hasMore, String searchId) {
        StringBuilder videos = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                videos.append(',');
            }
            videos.append("{\"id\":")
                    .append(ids[i])
                    .append(",\"create_time\":")
                    .append(times[i])
                    .append(",\"video_description\":\"clip #vans\",\"like_count\":5,\"comment_count\":1,"
                            + "\"share_count\":0,\"view_count\":60,\"hashtag_names\":[\"vans\"],\"username\":\"jo\"}");
        }
        return "{\"data\":{\"videos\":[" + videos + "],\"cursor\":" + cursor + ",\"has_more\":" + hasMore
                + ",\"search_id\":\"" + searchId
                + "\"},\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"L1\"}}";
    }

    static String error(String code) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + code + "\",\"log_id\":\"L2\"}}";
    }

    static String empty() {
        return page(new long[0], new long[0], 0, false, "S0");
    }
}
