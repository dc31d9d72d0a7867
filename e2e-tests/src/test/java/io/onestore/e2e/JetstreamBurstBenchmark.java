package io.onestore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.process.JavaService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion on the figures; run by {@code bench/jetstream-burst.sh}, not by the build): the simulator's
 * Jetstream on a clock far faster than real time offers far more events than anyone can read (a busy brand's posts,
 * their likes and reposts, and deletions: the "whole network"), so it pushes as fast as the reader takes. Baseline: a
 * bare WebSocket client (the JDK's) that only counts frames, subscribed to the same collections. Ours: the ingestor jar
 * (heap capped at 256 MB, as every service in the tests) reading the same stream for a quiet watched tag, parsing,
 * matching, indexing the few matches, counting likes and storing its cursor. Both read for the same time; the ingestor's
 * heap is sampled every second from its metrics endpoint. Writes {@code e2e-tests/target/bench/jetstream-burst.txt}
 * and {@code .json}. Tune with {@code -Donestore.bench.burst-seconds=}, {@code .burst-clock-rate=},
 * {@code .burst-posts-per-hour=}; {@code -Donestore.bench.burst-jfr=<file>.jfr} records the ingestor with Flight Recorder.
 */
class JetstreamBurstBenchmark {

    static final Path LOGS =
            Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "JetstreamBurstBenchmark");
    static final String COLLECTIONS = "wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.like"
            + "&wantedCollections=app.bsky.feed.repost";

    @Test
    void eventsPerSecondAndHeapUnderABurst() throws Exception {
        int seconds = Integer.getInteger("onestore.bench.burst-seconds", 60);
        String clockRate = System.getProperty("onestore.bench.burst-clock-rate", "600");
        String postsPerHour = System.getProperty("onestore.bench.burst-posts-per-hour", "50000");
        Map<String, String> world = new HashMap<>();
        world.put("ONESTORE_SIMULATOR_SEED", "17");
        world.put("ONESTORE_SIMULATOR_CLOCK_RATE", clockRate);
        world.put(
                "ONESTORE_SIMULATOR_ORIGIN",
                Instant.now().minus(Duration.ofHours(2)).toString());
        world.put("ONESTORE_SIMULATOR_WORLD_AUTHORS", "2000");
        // The busy brand makes about 50,000 posts an hour, and a stream chunk looks back over the engagement window:
        // about three hours of posts in memory (the default two million filled the simulator's 256 MB heap, and a
        // simulator out of memory sent nothing, which the figures then showed as a slow reader).
        world.put("ONESTORE_SIMULATOR_WORLD_CACHED_POSTS", "160000");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_TAG", "firehose");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_HANDLE", "firehose");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_POSTS_PER_HOUR", postsPerHour);
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_FOLLOWERS", "1000000");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_TAG", "watched");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_HANDLE", "watched");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_POSTS_PER_HOUR", "600");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_FOLLOWERS", "50000");
        world.put("ONESTORE_SIMULATOR_CAMPAIGN_BRAND", "none");
        try (JavaService simulator =
                JavaService.start("simulator-burst", "simulator", world, LOGS).awaitHealthy(Duration.ofMinutes(10))) {
            String subscribe = simulator.url().replace("http", "ws") + "/subscribe";
            double simulatorCpu = cpuSeconds(simulator.pid());
            long start = System.nanoTime();
            double baseline = bareClient(URI.create(subscribe + "?" + COLLECTIONS), seconds);
            // Over the whole baseline run (its wait for the first frame too): the simulator's cost of the stream.
            double baselineSimulatorShare =
                    (cpuSeconds(simulator.pid()) - simulatorCpu) / ((System.nanoTime() - start) / 1e9);
            Result ours = ingestor(subscribe, seconds, simulator);
            report(seconds, clockRate, postsPerHour, baseline, baselineSimulatorShare, ours);
        }
    }

    /** Frames per second a client that does nothing but count them reads, after the first frame. */
    private static double bareClient(URI uri, int seconds) throws Exception {
        AtomicLong frames = new AtomicLong();
        CountDownLatch first = new CountDownLatch(1);
        WebSocket.Listener counter = new WebSocket.Listener() {
            // Unbounded demand from the start. Asking for one frame at a time, the bare client read 3,113 frames a
            // second while the simulator used a whole core, and the ingestor (which asks for a batch at a time) read
            // 12,245 in the same run (2026-12-01): a baseline has to read as fast as the stream can be sent.
            @Override
            public void onOpen(WebSocket socket) {
                socket.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                if (last) {
                    frames.incrementAndGet();
                    first.countDown();
                }
                return null;
            }
        };
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(uri, counter)
                .get(1, TimeUnit.MINUTES);
        if (!first.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("no event from " + uri);
        }
        long from = frames.get();
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds); // a measurement window, not a wait for a condition
        long read = frames.get() - from;
        double elapsed = (System.nanoTime() - start) / 1e9;
        socket.abort();
        return read / elapsed;
    }

    /**
     * @param busyShare the share of the window the consumer spent handling batches (the rest it waited for the socket)
     * @param ingestorCpu the ingestor's CPU seconds per second over the window
     * @param simulatorCpu the simulator's CPU seconds per second over the window
     */
    record Result(
            double eventsPerSecond,
            double maxHeapMb,
            double maxLiveMb,
            double endHeapMb,
            boolean alive,
            double busyShare,
            double ingestorCpu,
            double simulatorCpu) {}

    /** CPU time the process used so far (user and system), in seconds; 0 where the platform does not tell. */
    private static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid)
                        .flatMap(p -> p.info().totalCpuDuration())
                        .map(Duration::toNanos)
                        .orElse(0L)
                / 1e9;
    }

    private static Result ingestor(String subscribe, int seconds, JavaService simulator) throws Exception {
        Path targets = Files.writeString(Files.createDirectories(LOGS).resolve("targets.txt"), "#watched bluesky\n");
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_ELASTICSEARCH_URIS", ElasticsearchTestServer.global().url());
        env.put("ONESTORE_INDEX_PREFIX", ElasticsearchTestServer.indexPrefix(JetstreamBurstBenchmark.class));
        env.put("ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString());
        env.put(
                "ONESTORE_INGEST_SPOOL_DIR",
                LOGS.resolve("spool").toAbsolutePath().toString());
        env.put("ONESTORE_SOURCES_BLUESKY_ENDPOINTS", subscribe);
        String recording = System.getProperty("onestore.bench.burst-jfr");
        if (recording != null) {
            // A flight recording of the ingestor over the whole run, to see where its time goes.
            env.put(
                    "JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                            + Path.of(recording).toAbsolutePath());
        }
        try (JavaService ingestor = JavaService.start("ingestor-burst", "ingestor-service", env, LOGS)
                .awaitHealthy(Duration.ofMinutes(10))) {
            String metrics = ingestor.url() + "/actuator/metrics/";
            // Warm-up: the stream starts when the application is ready, possibly before the index contract is
            // installed (its first batches then wait for Elasticsearch); measure once ten full batches went through.
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (metric(metrics + "onestore.bluesky.stream.events") < 5_000
                    && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            double from = metric(metrics + "onestore.bluesky.stream.events");
            double busyFrom = metric(metrics + "onestore.bluesky.stream.busy");
            double ingestorCpu = cpuSeconds(ingestor.pid());
            double simulatorCpu = cpuSeconds(simulator.pid());
            long start = System.nanoTime();
            double maxHeap = 0;
            double maxLive = 0;
            double heap = 0;
            // Sampled once a second over the measurement window.
            for (int i = 0; i < seconds; i++) {
                TimeUnit.SECONDS.sleep(1);
                heap = metric(metrics + "jvm.memory.used?tag=area:heap");
                maxHeap = Math.max(maxHeap, heap);
                maxLive = Math.max(maxLive, metric(metrics + "jvm.gc.live.data.size"));
            }
            double read = metric(metrics + "onestore.bluesky.stream.events") - from;
            double busy = metric(metrics + "onestore.bluesky.stream.busy") - busyFrom;
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Result(
                    read / elapsed,
                    maxHeap / 1e6,
                    maxLive / 1e6,
                    heap / 1e6,
                    ingestor.isAlive(),
                    busy / elapsed,
                    (cpuSeconds(ingestor.pid()) - ingestorCpu) / elapsed,
                    (cpuSeconds(simulator.pid()) - simulatorCpu) / elapsed);
        }
    }

    private static double metric(String url) {
        JsonNode body = Json.get(url).body();
        return body.path("measurements").path(0).path("value").asDouble(0);
    }

    private static void report(
            int seconds,
            String clockRate,
            String postsPerHour,
            double baseline,
            double baselineSimulatorCpu,
            Result ours)
            throws Exception {
        String text = String.format(
                Locale.ROOT,
                "jetstream burst: %d s each, simulator clock x%s, busy brand %s posts/h with likes, reposts, deletes%n"
                        + "baseline (bare WebSocket client counting frames): %.0f events/s%n"
                        + "ingestor (parse, match, index, count likes, cursor): %.0f events/s, ratio %.3f%n"
                        + "ingestor heap (cap 256 MB): max used %.1f MB, max live after GC %.1f MB, at the end %.1f MB,"
                        + " alive at the end: %s%n"
                        + "where the time goes: consumer handling batches %.0f%% of the window (the rest waiting for"
                        + " the socket); CPU per second: ingestor %.2f, simulator %.2f (%.2f under the bare client),"
                        + " load average %s%n",
                seconds,
                clockRate,
                postsPerHour,
                baseline,
                ours.eventsPerSecond(),
                ours.eventsPerSecond() / baseline,
                ours.maxHeapMb(),
                ours.maxLiveMb(),
                ours.endHeapMb(),
                ours.alive(),
                ours.busyShare() * 100,
                ours.ingestorCpu(),
                ours.simulatorCpu(),
                baselineSimulatorCpu,
                loadAverage());
        System.out.print(text);
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("jetstream-burst.txt"), text);
        List<Map<String, Object>> rows = List.of(
                row(
                        "jetstream burst events per second",
                        ours.eventsPerSecond(),
                        baseline,
                        "the stream read as fast as a bare client",
                        "events/s",
                        "a bare WebSocket client counting frames, same stream, same run"),
                row(
                        "jetstream burst max heap used",
                        ours.maxHeapMb(),
                        256.0,
                        "bounded: under the heap cap, however far behind the reader falls",
                        "MB",
                        "the ingestor's heap cap (-Xmx256m)"));
        Files.writeString(
                out.resolve("jetstream-burst.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        mergeInto(Path.of(System.getProperty("onestore.repo.root", "..")).resolve("docs/benchmarks.json"), rows);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Replaces this benchmark's rows in the benchmarks list (the other benchmarks' rows stay as they are). */
    private static void mergeInto(Path list, List<Map<String, Object>> rows) throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode all = Files.exists(list)
                ? (com.fasterxml.jackson.databind.node.ArrayNode) Json.MAPPER.readTree(list.toFile())
                : Json.MAPPER.createArrayNode();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).path("name").asText().startsWith("jetstream burst")) {
                all.remove(i);
            }
        }
        rows.forEach(row -> all.add(Json.MAPPER.valueToTree(row)));
        Files.writeString(list, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(all) + "\n");
    }

    private static Map<String, Object> row(
            String name, double ours, double baseline, String goal, String unit, String baselineIs) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("name", name);
        row.put("ours", Math.round(ours * 10) / 10.0);
        row.put("baseline", Math.round(baseline * 10) / 10.0);
        row.put("ratio", Math.round(ours / baseline * 10_000) / 10_000.0);
        row.put("goal", goal);
        row.put("unit", unit);
        row.put("baseline_is", baselineIs);
        return row;
    }
}
