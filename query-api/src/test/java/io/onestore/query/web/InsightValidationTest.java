package io.onestore.query.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.onestore.query.insight.influencer.InfluencerRanking;
import io.onestore.query.insight.influencer.InfluencerService;
import io.onestore.query.insight.sentiment.SentimentService;
import io.onestore.query.insight.spike.SpikeService;
import io.onestore.query.request.TimeWindow;
import io.onestore.query.search.PostSearchService;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Validation of the insight and search parameters, with the services mocked. */
@WebSliceTest
class InsightValidationTest {

    static final String WINDOW = "&from=2026-10-01T00:00:00Z&to=2026-10-08T00:00:00Z";
    static final String PROBLEMS = "https://onestore.io/problems/";

    @Autowired
    MockMvc http;

    @Autowired
    InfluencerService influencers;

    @Autowired
    SentimentService sentiment;

    @Autowired
    SpikeService spikes;

    @Autowired
    PostSearchService search;

    ResultActions read(String uri) throws Exception {
        return http.perform(get(uri).header("X-API-Key", WebSliceTest.READ));
    }

    void problem(String uri, int status, String type) throws Exception {
        read(uri).andExpect(status().is(status)).andExpect(jsonPath("$.type").value(PROBLEMS + type));
    }

    @Test
    void hashtagsAreNormalisedAndTheAnswerIsCamelCase() throws Exception {
        var window = new TimeWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-08T00:00:00Z"));
        when(influencers.rank(List.of("nike", "adidas"), List.of(), window, 10, false))
                .thenReturn(new InfluencerRanking(
                        List.of("nike", "adidas"),
                        window.from(),
                        window.to(),
                        List.of(new InfluencerRanking.Influencer(
                                1,
                                "a1",
                                "ann",
                                "instagram",
                                3,
                                350L,
                                0,
                                100.0,
                                2000L,
                                "profile",
                                0.05,
                                200,
                                window.from(),
                                100L,
                                null,
                                3,
                                754L,
                                false)),
                        0,
                        null,
                        List.of(),
                        new InfluencerRanking.PotentialReach(754, 1, 0, "test"),
                        null));

        http.perform(get("/api/v1/insights/influencers" + WINDOW.replaceFirst("&", "?"))
                        .param("hashtags", "#Nike,ADIDAS")
                        .header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.influencers[0].totalEngagement").value(350))
                .andExpect(jsonPath("$.influencers[0].engagementRate").value(0.05))
                .andExpect(jsonPath("$.influencers[0].engagementRatePosts").value(3))
                .andExpect(jsonPath("$.influencers[0].estimatedReach").value(754))
                .andExpect(jsonPath("$.potentialReach.estimate").value(754))
                .andExpect(jsonPath("$.from").value("2026-10-01T00:00:00Z"));
    }

    @Test
    void badOrMissingDates() throws Exception {
        problem(
                "/api/v1/insights/influencers?hashtags=nike&from=yesterday&to=2026-10-08T00:00:00Z",
                400,
                "invalid-time-window");
        // without 'from', the window is the 7 days before 'to' (docs/insights.md)
        read("/api/v1/insights/influencers?hashtags=nike&to=2026-10-08T00:00:00Z")
                .andExpect(status().isOk());
        verify(influencers)
                .rank(
                        eq(List.of("nike")),
                        eq(List.of()),
                        eq(new TimeWindow(
                                Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-08T00:00:00Z"))),
                        anyInt(),
                        eq(false));
        problem(
                "/api/v1/insights/sentiment?hashtags=nike&from=2026-10-08T00:00:00Z&to=2026-10-01T00:00:00Z",
                400,
                "invalid-time-window");
        problem(
                "/api/v1/insights/sentiment?hashtags=nike&from=2026-10-08T00:00:00Z&to=2026-10-08T00:00:00Z",
                400,
                "invalid-time-window");
        verifyNoInteractions(sentiment);
        verifyNoMoreInteractions(influencers);
    }

    @Test
    void unknownIntervals() throws Exception {
        problem("/api/v1/insights/sentiment?hashtags=nike&interval=2w" + WINDOW, 400, "unknown-interval");
        problem("/api/v1/insights/spikes?hashtags=nike&interval=0h" + WINDOW, 400, "unknown-interval");
        problem("/api/v1/tags/nike/trend?interval=1y" + WINDOW, 400, "unknown-interval");
        problem("/api/v1/tags/nike/volume?interval=30m" + WINDOW, 400, "unknown-interval");
        problem("/api/v1/tags/nike/volume?interval=90m" + WINDOW, 400, "unknown-interval");
    }

    @Test
    void aVolumeSeriesExistsOnlyWhereThePlatformCountsPostsPerHour() throws Exception {
        problem("/api/v1/tags/nike/volume?platform=instagram" + WINDOW, 400, "invalid-parameter");
        problem("/api/v1/tags/nike/volume?platform=myspace" + WINDOW, 400, "invalid-parameter");
        problem("/api/v1/tags/2024/volume?interval=1h" + WINDOW, 400, "invalid-hashtag");
    }

    @Test
    void hashtagsAreRequiredValidAndAtMostTwenty() throws Exception {
        String tags21 = IntStream.rangeClosed(1, 21).mapToObj(i -> "tag" + i).collect(Collectors.joining(","));
        String tags20 = IntStream.rangeClosed(1, 20).mapToObj(i -> "tag" + i).collect(Collectors.joining(","));

        problem("/api/v1/insights/share-of-voice?hashtags=" + tags21 + WINDOW, 400, "too-many-hashtags");
        problem("/api/v1/insights/share-of-voice?hashtags=,," + WINDOW, 400, "missing-parameter");
        problem("/api/v1/insights/share-of-voice?hashtags=nike,12345" + WINDOW, 400, "invalid-hashtag");
        problem("/api/v1/insights/share-of-voice?hashtags=nike&metric=likes" + WINDOW, 400, "invalid-parameter");
        problem("/api/v1/insights/share-of-voice?hashtags=nike&platform=myspace" + WINDOW, 400, "invalid-parameter");
        problem("/api/v1/insights/influencers?hashtags=nike&platform=myspace" + WINDOW, 400, "invalid-parameter");
        // One platform's authors, and its capture alone in the coverage block (docs/insights.md#influencers)
        read("/api/v1/insights/influencers?hashtags=nike&platform=Instagram" + WINDOW)
                .andExpect(status().isOk());
        verify(influencers).rank(eq(List.of("nike")), eq(List.of("instagram")), any(), anyInt(), eq(false));
        read("/api/v1/insights/share-of-voice?hashtags=" + tags20 + WINDOW).andExpect(status().isOk());
    }

    @Test
    void limitsOutOfRange() throws Exception {
        problem("/api/v1/insights/influencers?hashtags=nike&limit=0" + WINDOW, 400, "limit-out-of-range");
        problem("/api/v1/insights/influencers?hashtags=nike&limit=101" + WINDOW, 400, "limit-out-of-range");
        problem("/api/v1/insights/influencers?hashtags=nike&limit=ten" + WINDOW, 400, "invalid-parameter");
        problem("/api/v1/insights/spikes?hashtags=nike&k=0" + WINDOW, 400, "limit-out-of-range");
        problem("/api/v1/posts?size=101", 400, "limit-out-of-range");
        problem("/api/v1/posts?size=100&page=100", 400, "limit-out-of-range");
        problem("/api/v1/posts?sort=relevance", 400, "invalid-parameter");
        problem("/api/v1/posts?author=not%20a%20handle!", 400, "invalid-parameter");
        verifyNoInteractions(influencers, spikes, search);
    }

    @Test
    void postSearchDefaults() throws Exception {
        read("/api/v1/posts?hashtag=Run&author=@Ann").andExpect(status().isOk());

        verify(search)
                .search(
                        eq(new PostSearchService.Criteria(List.of("run"), "ann", null, null, null)),
                        any(),
                        eq(0),
                        eq(20));
    }

    @Test
    void elasticsearchDownIs503WithRetryAfterAndNoLeak() throws Exception {
        when(influencers.rank(any(), any(), any(), anyInt(), anyBoolean()))
                .thenThrow(new ConnectException("Connection refused: 10.1.2.3:9200 onestore-posts"));

        read("/api/v1/insights/influencers?hashtags=nike" + WINDOW)
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "store-unavailable"))
                .andExpect(content().string(not(containsString("9200"))))
                .andExpect(content().string(not(containsString("onestore-posts"))));
    }

    @Test
    void unknownPathsAreProblemsToo() throws Exception {
        problem("/api/v1/nothing-here", 404, "not-found");
    }
}
