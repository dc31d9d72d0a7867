package io.onestore.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.schedule.CycleReport;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cycle of {@link IngestEndToEndTest} in another source mode: {@code nike} and {@code @nike} from the mode's
 * recorded fixtures, two cycles in consecutive capture buckets, exact counts. Each mode is its own Spring context (the
 * mode is chosen at start-up); the mock upstream is shared by all of them.
 */
@SpringBootTest
abstract class SourceModeEndToEnd {

    static final Duration INTERVAL = MockUpstreamRig.INTERVAL;
    // The third column (the Instagram user id) is what the Graph API calls are made as; other modes ignore it.
    static final MockUpstreamRig RIG = new MockUpstreamRig(
            "nike\n@nike\n", "alice tok-alice-s3cr3t 17841400000000001\nbob tok-bob-s3cr3t 17841400000000002\n");
    static final WireMockServer upstream = RIG.upstream();
    static final Path WORK_DIR = RIG.workDir();

    @DynamicPropertySource
    static void common(DynamicPropertyRegistry registry) {
        RIG.register(registry);
    }

    @Autowired
    IngestCycle cycle;

    @Autowired
    IndexInstaller installer;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    IndexNames names;

    @Autowired
    Clock clock;

    /** Answers {@code #nike} and {@code @nike} with the mode's recorded fixtures. */
    abstract void answerNike();

    /** Distinct posts of the tag feed and the profile together. */
    abstract long posts();

    @Test
    void theSameCycleInTheNextBucketAddsOneSnapshotPerTargetAndOneMetricsDocPerPost() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        upstream.resetAll();
        answerNike();
        IndexCounts counts = new IndexCounts(client);

        for (int round = 1; round <= 2; round++) {
            client.indices().refresh(r -> r.index(names.targets()));
            CycleReport report = cycle.run();

            assertThat(report.due()).as("due in cycle %d", round).isEqualTo(2);
            assertThat(report.fetched()).as("fetched in cycle %d", round).isEqualTo(2);
            assertThat(counts.all(names.posts())).as("posts").isEqualTo(posts());
            assertThat(counts.all(names.postMetrics())).as("post metrics").isEqualTo(round * posts());
            assertThat(counts.all(names.tagSnapshots())).as("tag snapshots").isEqualTo(round);
            assertThat(counts.all(names.profileSnapshots()))
                    .as("profile snapshots")
                    .isEqualTo(round);
            assertThat(counts.all(names.deadletter()))
                    .as("the tag page's one unreadable node, once")
                    .isEqualTo(1);
            ((TestClock) clock).advance(INTERVAL);
        }
    }

    static String prefix(Class<?> testClass) {
        return ElasticsearchTestServer.indexPrefix(testClass);
    }
}
