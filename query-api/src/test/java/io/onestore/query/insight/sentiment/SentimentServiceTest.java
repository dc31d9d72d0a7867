package io.onestore.query.insight.sentiment;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.query.ContractIndices;
import io.onestore.query.TestProperties;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #cafe over two days. 10-01: 0.5, -0.25, 0.0, 0.75 → mean 0.25, 2 positive, 1 neutral, 1 negative. 10-02: -0.5 and
 * 0.05 (exactly the positive threshold) → mean -0.225, 1 positive, 1 negative; a post without caption has no
 * sentiment and is not counted. Overall: 6 posts, mean 0.55 / 6 = 0.0917 (rounded to 4 places).
 */
class SentimentServiceTest {

    static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-03T00:00:00Z"));

    static ContractIndices es;
    static SentimentService service;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(SentimentServiceTest.class);
        service = new SentimentService(es.names(), es.coverage(Clock.systemUTC()), TestProperties.defaults());
        es.posts(List.of(
                post("s1")
                        .tags("cafe")
                        .caption("good")
                        .sentiment(0.5)
                        .at("2026-10-01T08:00:00Z")
                        .build(),
                post("s2")
                        .tags("cafe")
                        .caption("meh")
                        .sentiment(-0.25)
                        .at("2026-10-01T09:00:00Z")
                        .build(),
                post("s3")
                        .tags("cafe")
                        .caption("a cafe")
                        .sentiment(0.0)
                        .at("2026-10-01T10:00:00Z")
                        .build(),
                post("s4")
                        .tags("cafe")
                        .caption("great")
                        .sentiment(0.75)
                        .at("2026-10-01T11:00:00Z")
                        .build(),
                post("s5")
                        .tags("cafe")
                        .caption("awful")
                        .sentiment(-0.5)
                        .at("2026-10-02T08:00:00Z")
                        .build(),
                post("s6").tags("cafe").at("2026-10-02T09:00:00Z").build(),
                post("s7")
                        .tags("cafe")
                        .caption("ok")
                        .sentiment(0.05)
                        .at("2026-10-02T10:00:00Z")
                        .build(),
                post("s8")
                        .tags("tea")
                        .caption("bad")
                        .sentiment(-0.9)
                        .at("2026-10-02T10:00:00Z")
                        .build()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void bucketsHaveMeansCountsAndExtremes() throws Exception {
        SentimentTimeline timeline = service.compute(List.of("cafe"), WINDOW, Interval.parse("1d"));

        assertThat(timeline.buckets()).hasSize(2);
        var first = timeline.buckets().get(0);
        assertThat(first.start()).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(first.posts()).isEqualTo(4);
        assertThat(first.meanCompound()).isEqualTo(0.25);
        assertThat(List.of(first.positive(), first.neutral(), first.negative())).containsExactly(2L, 1L, 1L);
        assertThat(first.mostPositive().id()).isEqualTo("instagram:s4");
        assertThat(first.mostNegative().id()).isEqualTo("instagram:s2");
        assertThat(first.mostNegative().sentiment()).isEqualTo(-0.25);

        var second = timeline.buckets().get(1);
        assertThat(second.posts()).isEqualTo(2);
        assertThat(second.meanCompound()).isEqualTo(-0.225);
        assertThat(List.of(second.positive(), second.neutral(), second.negative()))
                .containsExactly(1L, 0L, 1L);
        assertThat(second.mostPositive().id()).isEqualTo("instagram:s7");
        assertThat(second.mostNegative().id()).isEqualTo("instagram:s5");
    }

    @Test
    void overallSummarisesTheWindow() throws Exception {
        var overall =
                service.compute(List.of("cafe"), WINDOW, Interval.parse("1d")).overall();

        assertThat(overall.posts()).isEqualTo(6);
        assertThat(overall.meanCompound()).isEqualTo(0.0917);
        assertThat(List.of(overall.positive(), overall.neutral(), overall.negative()))
                .containsExactly(3L, 1L, 2L);
        assertThat(overall.mostPositive().id()).isEqualTo("instagram:s4");
        assertThat(overall.mostNegative().id()).isEqualTo("instagram:s5");
    }

    @Test
    void anEmptyBucketHasNoMeanAndNoExtremes() throws Exception {
        var buckets =
                service.compute(List.of("cafe"), WINDOW, Interval.parse("12h")).buckets();

        assertThat(buckets).hasSize(4);
        var night = buckets.get(1);
        assertThat(night.start()).isEqualTo("2026-10-01T12:00:00Z");
        assertThat(night.posts()).isZero();
        assertThat(night.meanCompound()).isNull();
        assertThat(night.mostPositive()).isNull();
        assertThat(night.mostNegative()).isNull();
    }
}
