package io.onestore.query.insight.spike;

import static io.onestore.query.Ledgers.hashtag;
import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.PostDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.TestProperties;
import io.onestore.query.post.PostSummary;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #launch, daily, trailing baseline of 7 days, k = 3. Posts per day from 10-01: 2, 4, 3, 5, 3, 2, 4, then 4 (10-08),
 * 9 (10-09), 3 (10-10); every post has engagement 10 except one of 200 on 10-10. By hand:
 *
 * <ul>
 *   <li>10-08: baseline 2 4 3 5 3 2 4 → median 3, MAD 1; (4 - 3) / 1.4826 = 0.67: no spike
 *   <li>10-09: baseline 4 3 5 3 2 4 4 → median 4, MAD 1; (9 - 4) / 1.4826 = 3.3725 > 3: posts spike; engagement
 *       ×10: (90 - 40) / 14.826 = 3.3725: engagement spike too
 *   <li>10-10: posts 3 below the median 4; engagement 220 against 30 50 30 20 40 40 90 → median 40, MAD 10;
 *       (220 - 40) / 14.826 = 12.1408: engagement spike only
 * </ul>
 */
class SpikeServiceTest {

    static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-10-08T00:00:00Z"), Instant.parse("2026-10-11T00:00:00Z"));

    static ContractIndices es;
    static SpikeService service;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(SpikeServiceTest.class);
        service = new SpikeService(
                es.client(),
                es.names(),
                es.coverage(Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC)),
                TestProperties.defaults());
        // #launch is captured all along; #relaunch (on the same posts) only since 10-09, the first spike's day.
        es.ledger(
                List.of(
                        hashtag("launch", "2026-09-01T00:00:00Z", "2026-10-31T00:00:00Z"),
                        hashtag("relaunch", "2026-10-09T00:00:00Z", "2026-10-31T00:00:00Z")),
                List.of(),
                List.of());
        int[] perDay = {2, 4, 3, 5, 3, 2, 4, 4, 9, 3};
        List<PostDocument> posts = new ArrayList<>();
        for (int day = 0; day < perDay.length; day++) {
            for (int n = 0; n < perDay[day]; n++) {
                String at = String.format("2026-10-%02dT10:%02d:00Z", day + 1, n);
                posts.add(post("d" + day + "n" + n)
                        .tags("launch", "relaunch")
                        .author("a" + n, "u" + n)
                        .at(at)
                        .likes(10)
                        .build());
            }
        }
        posts.add(post("viral")
                .tags("launch")
                .author("a9", "star")
                .at("2026-10-10T12:00:00Z")
                .likes(190)
                .comments(10)
                .build());
        posts.removeIf(p -> p.nativeId().equals("d9n2")); // 10-10 keeps 3 posts: d9n0, d9n1 and the viral one
        posts.add(post("late")
                .tags("launch")
                .author("a1", "u1")
                .at("2026-10-11T10:00:00Z")
                .likes(5000)
                .build());
        es.posts(posts);
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void flagsVolumeAndEngagementSpikesWithTheirPosts() throws Exception {
        SpikeReport report = service.find(List.of("launch"), WINDOW, Interval.parse("1d"), 3);

        assertThat(report.trailingBuckets()).isEqualTo(7);
        assertThat(report.spikesWithheld()).isZero();
        assertThat(report.coverage().complete()).isTrue();
        assertThat(report.spikes())
                .extracting(SpikeReport.Spike::start)
                .containsExactly(Instant.parse("2026-10-09T00:00:00Z"), Instant.parse("2026-10-10T00:00:00Z"));

        SpikeReport.Spike volume = report.spikes().get(0);
        assertThat(volume.triggeredBy()).containsExactly("posts", "engagement");
        assertThat(volume.posts()).isEqualTo(new SpikeReport.Measure(9, 4, 1, 3.3725));
        assertThat(volume.engagement()).isEqualTo(new SpikeReport.Measure(90, 40, 10, 3.3725));
        assertThat(volume.topPosts()).hasSize(3);

        SpikeReport.Spike viral = report.spikes().get(1);
        assertThat(viral.end()).isEqualTo("2026-10-11T00:00:00Z");
        assertThat(viral.triggeredBy()).containsExactly("engagement");
        assertThat(viral.engagement()).isEqualTo(new SpikeReport.Measure(220, 40, 10, 12.1408));
        assertThat(viral.posts().value()).isEqualTo(3);
        assertThat(viral.topPosts()).extracting(PostSummary::id).startsWith("instagram:viral");
    }

    @Test
    void aHigherKKeepsOnlyTheStrongerSpike() throws Exception {
        SpikeReport report = service.find(List.of("launch"), WINDOW, Interval.parse("1d"), 4);

        assertThat(report.spikes())
                .extracting(SpikeReport.Spike::start)
                .containsExactly(Instant.parse("2026-10-10T00:00:00Z"));
    }

    @Test
    void aJumpWhereCaptureBeganIsWithheldNotReported() throws Exception {
        SpikeReport report = service.find(List.of("relaunch"), WINDOW, Interval.parse("1d"), 3);

        // 10-09's volume passes the rule as it does for #launch (the viral post is #launch's only), but its trailing
        // baseline lies before #relaunch's capture began: a jump where capture began, not a spike.
        assertThat(report.spikes()).isEmpty();
        assertThat(report.spikesWithheld()).isEqualTo(1);
        // 10-08 is not covered, 10-09 and 10-10 are: 2 of the window's 3 days.
        assertThat(report.coverage().coveredShare()).isEqualTo(2 / 3.0);
    }
}
