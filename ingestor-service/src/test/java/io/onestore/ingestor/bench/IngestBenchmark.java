package io.onestore.ingestor.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.normalize.CaptureAssembler;
import io.onestore.ingestor.normalize.WebTagNormalizer;
import io.onestore.ingestor.source.instagram.web.WebTagInfo;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.model.sentiment.VaderSentimentScorer;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The ingestor's write path, parse → normalise → {@link BulkIndexer}, against the same final documents posted as raw
 * {@code _bulk} bodies over two connections ({@link RawBulk}), to the same Elasticsearch in the same run, for a first
 * capture (every post new) and a recapture one bucket later (every post stored: the steady state). Rounds interleave
 * the two sides and alternate which goes first; each round writes to fresh indices. Then a sweep of bulk sizes.
 *
 * <p>Not a test (the name keeps it out of the default run and it asserts nothing): {@code bench/ingest.sh} and
 * {@code bench/run-all.sh} run it; it writes {@code target/bench/ingest-benchmark.txt} and {@code .json}.
 *
 * <p>The baseline does strictly less work: it indexes blindly, with the recapture's {@code first_seen_at} already
 * set to the first sighting, while the indexer reads the stored posts of every capture (one {@code mget}) to keep
 * {@code first_seen_at} and union the hashtags, and guards each write with sequence numbers.
 */
class IngestBenchmark {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final Duration BUCKET = IngestTestSettings.INTERVAL;

    private final int posts = Integer.getInteger("onestore.bench.posts", 200_000);
    private final int postsPerPage = Integer.getInteger("onestore.bench.posts-per-page", 100);
    private final int rounds = Integer.getInteger("onestore.bench.rounds", 3);
    // The production default remembers 20,000 posts; the benchmark sizes it to its cycle, as a deployment would.
    private final int rememberPosts = Integer.getInteger("onestore.bench.remember-posts", posts);
    private final int sweepPosts = Integer.getInteger("onestore.bench.sweep-posts", 30_000);
    private final int[] sweepSizes = Arrays.stream(
                    System.getProperty("onestore.bench.sweep-sizes", "250,4000").split(","))
            .filter(s -> !s.isBlank())
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();

    private final WebTagNormalizer normalizer = new WebTagNormalizer(new CaptureAssembler(new VaderSentimentScorer()));
    private final List<String> lines = new ArrayList<>();
    private final List<String> roundRows = new ArrayList<>();
    private final List<String> figureRows = new ArrayList<>();
    private final ArrayNode figures = JSON.createArrayNode();
    private final CpuReport.Cpu firstCpu = new CpuReport.Cpu();
    private final CpuReport.Cpu againCpu = new CpuReport.Cpu();
    private final List<String> cpuLines = new ArrayList<>();
    private ElasticsearchClient client;
    private CpuMeter cpu;
    private String url;
    private Path work;
    private StageCosts.Breakdown stageCosts;

    @Test
    void indexerAgainstRawBulk() throws Exception {
        ElasticsearchTestServer server = ElasticsearchTestServer.global();
        client = server.newClient(ContractJson.configure(new ObjectMapper()));
        url = server.url();
        cpu = new CpuMeter(url);
        work = Files.createTempDirectory("onestore-bench");
        say(
                "Ingest: %d simulator-shaped posts in pages of %d, %d rounds; baseline raw _bulk over %d connections;"
                        + " Elasticsearch %s (%s); load average %s",
                posts, postsPerPage, rounds, RawBulk.CONNECTIONS, server.url(), server.mode(), loadAverage());
        say(
                "Elasticsearch idle: %.3f CPU seconds per second (its own housekeeping, paid per second whatever the"
                        + " rate)",
                cpu.elasticsearchIdle(Duration.ofSeconds(5)));
        try (RawBulk raw = new RawBulk(url)) {
            Side first = new Side();
            Side again = new Side();
            for (int round = 1; round <= rounds; round++) {
                Round r = round(raw, "m" + round, posts, 1000, round % 2 == 0);
                first.add(r.oursFirst, r.rawFirst);
                again.add(r.oursAgain, r.rawAgain);
                firstCpu.ours.add(r.cpu[0]);
                firstCpu.raw.add(r.cpu[1]);
                againCpu.ours.add(r.cpu[2]);
                againCpu.raw.add(r.cpu[3]);
                Object[] measured = {
                    round,
                    round % 2 == 0 ? "ours" : "raw",
                    loadAverage(),
                    r.rawFirst,
                    r.oursFirst,
                    r.oursFirst / r.rawFirst,
                    r.rawAgain,
                    r.oursAgain,
                    r.oursAgain / r.rawAgain
                };
                roundRows.add(String.format(
                        Locale.ROOT, "| %d | %s | %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |", measured));
                say(
                        "round %d (%s first, load %s)  first capture: raw %8.0f, ours %8.0f docs/s (%.2f)"
                                + " | recapture: raw %8.0f, ours %8.0f docs/s (%.2f)",
                        measured);
                say(
                        "         CPU µs/doc  first capture: ours thread %.0f, JVM %.0f, ES %.0f | raw client %.0f, ES %.0f"
                                + "  recapture: ours thread %.0f, JVM %.0f, ES %.0f | raw client %.0f, ES %.0f",
                        r.cpu[0].thread(),
                        r.cpu[0].jvm(),
                        r.cpu[0].elasticsearch(),
                        r.cpu[1].jvm(),
                        r.cpu[1].elasticsearch(),
                        r.cpu[2].thread(),
                        r.cpu[2].jvm(),
                        r.cpu[2].elasticsearch(),
                        r.cpu[3].jvm(),
                        r.cpu[3].elasticsearch());
                say(
                        "         ES refreshes per 10k docs  first capture: ours %.1f, raw %.1f  recapture: ours %.1f,"
                                + " raw %.1f",
                        r.cpu[0].refreshes(), r.cpu[1].refreshes(), r.cpu[2].refreshes(), r.cpu[3].refreshes());
            }
            figure("ingest first capture", first);
            figure("ingest recapture", again);
            cpuFigures();
            for (int size : sweepSizes) {
                Round r = round(raw, "s" + size, sweepPosts, size, false);
                Side sweepFirst = new Side();
                Side sweepAgain = new Side();
                sweepFirst.add(r.oursFirst, r.rawFirst);
                sweepAgain.add(r.oursAgain, r.rawAgain);
                say(
                        "sweep %5d operations per bulk (%d posts, load %s)  first capture %.2f, recapture %.2f",
                        size, sweepPosts, loadAverage(), r.oursFirst / r.rawFirst, r.oursAgain / r.rawAgain);
                figure("ingest first capture, bulk of " + size, sweepFirst);
                figure("ingest recapture, bulk of " + size, sweepAgain);
            }
        }
        client._transport().close();
        Path report = Path.of("target", "bench", "ingest-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
        Files.write(report.resolveSibling("ingest-benchmark.md"), markdown());
        Files.writeString(
                report.resolveSibling("ingest-benchmark.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
    }

    /** Rates, and CPU per document of ours and raw, first capture then recapture. */
    private record Round(double rawFirst, double oursFirst, double rawAgain, double oursAgain, CpuMeter.Spent[] cpu) {}

    /** One side's rate and its CPU per document. */
    private record Measured(double rate, CpuMeter.Spent cpu) {}

    /** One round: both sides capture the same pages, then capture them again one bucket later. */
    private Round round(RawBulk raw, String run, int count, int bulkSize, boolean oursFirst) throws Exception {
        Instant t0 = Instant.parse("2026-11-30T12:00:00Z");
        Instant t1 = t0.plus(BUCKET);
        List<byte[]> pages = SimulatedTagPages.pages(run, count, postsPerPage, t0);
        IndexNames rawIndices = indices("raw-" + run);
        IndexNames ourIndices = indices("ours-" + run);
        long documents = documents(pages, t0);
        List<Path> firstBodies =
                BulkBodies.write(rawIndices, captures(pages, t0), null, bulkSize, work.resolve(run + "-1"));
        Measured[] first = inOrder(
                oursFirst,
                () -> ours(ourIndices, pages, t0, bulkSize, documents),
                () -> raw(raw, firstBodies, documents));
        List<Path> againBodies =
                BulkBodies.write(rawIndices, captures(pages, t1), t0, bulkSize, work.resolve(run + "-2"));
        Measured[] again = inOrder(
                oursFirst,
                () -> ours(ourIndices, pages, t1, bulkSize, documents),
                () -> raw(raw, againBodies, documents));
        BulkBodies.check(client, rawIndices, ourIndices, count);
        BulkBodies.deleteIndices(client, rawIndices, ourIndices);
        BulkBodies.delete(work.resolve(run + "-1"));
        BulkBodies.delete(work.resolve(run + "-2"));
        if (stageCosts == null && run.startsWith("m")) {
            stageCosts = new StageCosts(normalizer, client._jsonpMapper()).measure(pages, t0, t1, BUCKET, count);
        }
        return new Round(first[1].rate(), first[0].rate(), again[1].rate(), again[0].rate(), new CpuMeter.Spent[] {
            first[0].cpu(), first[1].cpu(), again[0].cpu(), again[1].cpu()
        });
    }

    /** Both sides' rates, ours first in the answer, measured in the order the round asks for. */
    private static Measured[] inOrder(boolean oursFirst, Callable<Measured> ours, Callable<Measured> raw)
            throws Exception {
        if (oursFirst) {
            Measured ourRate = ours.call();
            return new Measured[] {ourRate, raw.call()};
        }
        Measured rawRate = raw.call();
        return new Measured[] {ours.call(), rawRate};
    }

    /** Documents per second from page bytes to answered bulk items: parse, normalise, merge, write. */
    private Measured ours(IndexNames names, List<byte[]> pages, Instant at, int bulkSize, long documents)
            throws Exception {
        Path spool = Files.createDirectories(work.resolve("spool-" + names.prefix() + at.getEpochSecond()));
        try (BulkIndexer indexer = new BulkIndexer(
                client, names, settings(spool, bulkSize), new SimpleMeterRegistry(), new TestClock(at))) {
            CpuMeter.Reading spent = cpu.start();
            long start = System.nanoTime();
            for (int page = 0; page < pages.size(); page++) {
                indexer.index(capture(pages.get(page), page, at));
            }
            if (!indexer.flush(Duration.ofMinutes(20))) {
                throw new IllegalStateException("the indexer did not drain within 20 minutes");
            }
            double rate = documents / seconds(start);
            CpuMeter.Spent used = spent.spent().perDocument(documents);
            if (indexer.spoolDepth() > 0) {
                throw new IllegalStateException(indexer.spoolDepth() + " writes spooled: Elasticsearch refused them");
            }
            return new Measured(rate, used);
        }
    }

    private Measured raw(RawBulk raw, List<Path> bodies, long documents) throws Exception {
        CpuMeter.Reading spent = cpu.start();
        long start = System.nanoTime();
        raw.post(bodies);
        double rate = documents / seconds(start);
        return new Measured(rate, spent.spent().perDocument(documents));
    }

    private CaptureBatch capture(byte[] page, int index, Instant at) throws java.io.IOException {
        return normalizer.normalize(
                Target.hashtag(SimulatedTagPages.tag(index)), WebTagInfo.from(JSON.readTree(page)), at);
    }

    private List<CaptureBatch> captures(List<byte[]> pages, Instant at) throws java.io.IOException {
        List<CaptureBatch> batches = new ArrayList<>();
        for (int page = 0; page < pages.size(); page++) {
            batches.add(capture(pages.get(page), page, at));
        }
        return batches;
    }

    private long documents(List<byte[]> pages, Instant at) throws java.io.IOException {
        long total = 0;
        for (CaptureBatch batch : captures(pages, at)) {
            total += batch.posts().size() + batch.metrics().size() + (batch.tagSnapshot() == null ? 0 : 1);
        }
        return total;
    }

    private IngestSettings settings(Path spool, int bulkSize) {
        IngestSettings base = IngestTestSettings.of(spool, 5000);
        IngestSettings.Bulk bulk = base.bulk();
        return new IngestSettings(
                base.interval(),
                null,
                spool,
                null,
                base.schedule(),
                // The production defaults (application.yml) but the operations per request the round asks for.
                new IngestSettings.Bulk(
                        bulkSize,
                        bulk.maxSize(),
                        Duration.ofSeconds(1),
                        bulk.maxConcurrentRequests(),
                        5,
                        Duration.ofMillis(200),
                        5000,
                        bulk.outageProbe(),
                        rememberPosts),
                base.bootstrap());
    }

    private IndexNames indices(String kind) {
        IndexNames names = new IndexNames("bench-" + kind + "-" + (System.nanoTime() & 0xffff) + "-");
        new IndexBootstrap(client, names).installAll();
        return names;
    }

    /** Rates per round of both sides; the figure is the median ratio with its range, and both medians. */
    private static final class Side {
        final List<Double> ours = new ArrayList<>();
        final List<Double> baseline = new ArrayList<>();
        final List<Double> ratios = new ArrayList<>();

        void add(double ourRate, double baselineRate) {
            ours.add(ourRate);
            baseline.add(baselineRate);
            ratios.add(ourRate / baselineRate);
        }
    }

    private void figure(String name, Side side) {
        ObjectNode figure = figures.addObject();
        figure.put("name", name);
        figure.put("ours", Math.round(median(side.ours)));
        figure.put("baseline", Math.round(median(side.baseline)));
        figure.put("ratio", round2(median(side.ratios)));
        figure.put("ratio_min", round2(side.ratios.stream().min(Double::compare).orElseThrow()));
        figure.put("ratio_max", round2(side.ratios.stream().max(Double::compare).orElseThrow()));
        figure.put("rounds", side.ratios.size());
        figure.put("goal", ">= 0.9");
        figure.put("unit", "docs/s");
        figure.put("baseline_is", "raw _bulk of the same final documents over " + RawBulk.CONNECTIONS + " connections");
        figureRows.add(String.format(
                Locale.ROOT,
                "| %s | %.0f | %.0f | **%.2f** | %.2f–%.2f | %d | ≥ 0.9 |",
                name,
                median(side.ours),
                median(side.baseline),
                median(side.ratios),
                figure.get("ratio_min").asDouble(),
                figure.get("ratio_max").asDouble(),
                side.ratios.size()));
        say(
                "%s: ours %.0f docs/s, raw %.0f docs/s, ratio median %.2f (min %.2f, max %.2f, %d rounds)",
                name,
                median(side.ours),
                median(side.baseline),
                median(side.ratios),
                figure.get("ratio_min").asDouble(),
                figure.get("ratio_max").asDouble(),
                side.ratios.size());
    }

    private void cpuFigures() {
        cpuLines.addAll(CpuReport.table(
                List.of(CpuReport.row("first capture", firstCpu), CpuReport.row("recapture", againCpu))));
        cpuLines.add("");
        cpuLines.addAll(CpuReport.stages(stageCosts, firstCpu, againCpu));
        cpuLines.forEach(line -> say("%s", line));
        CpuReport.figures(figures, "ingest first capture", firstCpu);
        CpuReport.figures(figures, "ingest recapture", againCpu);
    }

    private List<String> markdown() {
        List<String> md = new ArrayList<>();
        md.add(String.format(
                Locale.ROOT,
                "%d simulator-shaped posts (web tag pages of %d), each capture 2 documents per post (post, metrics) and"
                        + " a tag snapshot per page; %d rounds, the side that goes first alternating; bulk requests of"
                        + " 1,000 operations on both sides; sweep rounds of %d posts.",
                posts,
                postsPerPage,
                rounds,
                sweepPosts));
        md.add("");
        md.add("| round | first | load average (1, 5, 15 min) | first capture raw docs/s | ours docs/s | ratio"
                + " | recapture raw docs/s | ours docs/s | ratio |");
        md.add("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        md.addAll(roundRows);
        md.add("");
        md.add("| figure | ours docs/s (median) | raw _bulk docs/s (median) | ratio (median) | ratio min–max | rounds"
                + " | goal |");
        md.add("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        md.addAll(figureRows);
        md.add("");
        md.addAll(cpuLines);
        return md;
    }

    private void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println(line);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
                    .split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
