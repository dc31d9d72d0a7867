package io.onestore.ingestor.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.Captures;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The ingestor's write path against the plainest way to load the same documents: {@code curl} posting {@code _bulk}
 * bodies of 1,000 operations, one after another, to the same Elasticsearch in the same run. Not a test (the name
 * keeps it out of the default run and it asserts nothing): {@code bench/ingest.sh} runs it and prints the ratios.
 *
 * <p>Each round writes a first capture (every post new) and a recapture one bucket later (every post stored, so the
 * indexer updates it). curl is sequential and pays a process start per request; the indexer keeps up to
 * {@code bulk.max-concurrent-requests} (2) requests in flight, as it does in production.
 *
 * <p>The baseline does strictly less work: it indexes blindly, while the indexer reads the stored posts of every
 * capture (one mget) to keep {@code first_seen_at} and union the hashtags, and guards each update with sequence
 * numbers. The ratio says what that correctness costs.
 */
class IngestBenchmark {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final Duration BUCKET = IngestTestSettings.INTERVAL;
    private static final int CHUNK = 1000;

    private final int tags = Integer.getInteger("onestore.bench.tags", 100);
    private final int postsPerTag = Integer.getInteger("onestore.bench.posts-per-tag", 100);
    private final int rounds = Integer.getInteger("onestore.bench.rounds", 3);

    @Test
    void indexerAgainstCurlBulk() throws Exception {
        ElasticsearchTestServer server = ElasticsearchTestServer.global();
        ElasticsearchClient client = server.newClient(ContractJson.configure(new ObjectMapper()));
        Path work = Files.createTempDirectory("onestore-bench");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "Ingest benchmark: %d tags x %d posts per capture (%d documents), %d rounds, Elasticsearch %s (%s)",
                tags,
                postsPerTag,
                documents(),
                rounds,
                server.url(),
                server.mode()));
        List<Double> firstRatios = new ArrayList<>();
        List<Double> againRatios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Instant t0 = Instant.parse("2026-11-26T12:00:00Z").plus(BUCKET.multipliedBy(round * 10L));
            // The recapture goes to the same indices as the first capture: stored posts are updated, not created.
            IndexNames curlIndices = names(client, "curl", round);
            IndexNames ingestIndices = names(client, "ingest", round);
            double curlFirst = curl(client, server.url(), curlIndices, work, round, t0);
            double curlAgain = curl(client, server.url(), curlIndices, work, round, t0.plus(BUCKET));
            double ingestFirst = indexer(ingestIndices, client, work, round, t0);
            double ingestAgain = indexer(ingestIndices, client, work, round, t0.plus(BUCKET));
            firstRatios.add(ingestFirst / curlFirst);
            againRatios.add(ingestAgain / curlAgain);
            lines.add(String.format(
                    Locale.ROOT,
                    "round %d  first capture: curl _bulk %8.0f docs/s, BulkIndexer %8.0f docs/s (ratio %.2f)"
                            + " | recapture: curl _bulk %8.0f docs/s, BulkIndexer %8.0f docs/s (ratio %.2f)",
                    round,
                    curlFirst,
                    ingestFirst,
                    ingestFirst / curlFirst,
                    curlAgain,
                    ingestAgain,
                    ingestAgain / curlAgain));
        }
        lines.add(String.format(
                Locale.ROOT,
                "median ratio BulkIndexer/curl: first capture %.2f, recapture %.2f (1.00 = as fast as raw _bulk)",
                median(firstRatios),
                median(againRatios)));
        client._transport().close();
        Path report = Path.of("target", "bench", "ingest-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
        lines.forEach(System.out::println);
    }

    private int documents() {
        return tags * (2 * postsPerTag + 1);
    }

    private List<CaptureBatch> captures(int round, Instant at) {
        return IntStream.range(0, tags)
                .mapToObj(t -> Captures.hashtag(
                        "bench" + t,
                        at,
                        IntStream.range(0, postsPerTag)
                                .mapToObj(p -> "r" + round + "t" + t + "p" + p)
                                .toList(),
                        at.getEpochSecond() % 1000))
                .toList();
    }

    /** Documents per second through the ingestor's BulkIndexer, flush included. */
    private double indexer(IndexNames names, ElasticsearchClient client, Path work, int round, Instant at)
            throws IOException {
        List<CaptureBatch> batches = captures(round, at);
        Path spool = Files.createDirectories(work.resolve("spool-" + round + "-" + at.getEpochSecond()));
        try (BulkIndexer indexer = new BulkIndexer(
                client, names, IngestTestSettings.of(spool), new SimpleMeterRegistry(), new TestClock(at))) {
            long start = System.nanoTime();
            batches.forEach(indexer::index);
            if (!indexer.flush(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the indexer did not drain within 10 minutes");
            }
            return documents() / seconds(start);
        }
    }

    /** Documents per second through curl posting ready-made _bulk bodies, written to disk before the clock starts. */
    private double curl(ElasticsearchClient client, String url, IndexNames names, Path work, int round, Instant at)
            throws IOException, InterruptedException {
        List<Path> bodies =
                bulkBodies(names, captures(round, at), work.resolve("curl-" + round + "-" + at.getEpochSecond()));
        long start = System.nanoTime();
        for (Path body : bodies) {
            Process curl = new ProcessBuilder(
                            "curl",
                            "-sf",
                            "-o",
                            "/dev/null",
                            "-H",
                            "Content-Type: application/x-ndjson",
                            "--data-binary",
                            "@" + body,
                            url + "/_bulk")
                    .inheritIO()
                    .start();
            if (curl.waitFor() != 0) {
                throw new IllegalStateException("curl _bulk failed for " + body);
            }
        }
        client.indices().refresh(r -> r.index(names.posts(), names.postMetrics(), names.tagSnapshots()));
        return documents() / seconds(start);
    }

    private static IndexNames names(ElasticsearchClient client, String kind, int round) {
        IndexNames names = new IndexNames("bench-" + kind + "-" + round + "-" + (System.nanoTime() & 0xffff) + "-");
        new IndexBootstrap(client, names).installAll();
        return names;
    }

    private static List<Path> bulkBodies(IndexNames names, List<CaptureBatch> batches, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> ops = new ArrayList<>();
        for (CaptureBatch batch : batches) {
            batch.posts().forEach(p -> ops.add(op(names.posts(), p.id(), p)));
            batch.metrics().forEach(m -> ops.add(op(names.postMetrics(), m.id(BUCKET), m)));
            ops.add(op(names.tagSnapshots(), batch.tagSnapshot().id(BUCKET), batch.tagSnapshot()));
        }
        List<Path> bodies = new ArrayList<>();
        for (int i = 0; i < ops.size(); i += CHUNK) {
            Path body = dir.resolve("bulk-" + (i / CHUNK) + ".ndjson");
            Files.writeString(
                    body, String.join("", ops.subList(i, Math.min(ops.size(), i + CHUNK))), StandardCharsets.UTF_8);
            bodies.add(body);
        }
        return bodies;
    }

    private static String op(String index, String id, Object document) {
        try {
            return "{\"index\":{\"_index\":" + JSON.writeValueAsString(index) + ",\"_id\":"
                    + JSON.writeValueAsString(id) + "}}\n" + JSON.writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
