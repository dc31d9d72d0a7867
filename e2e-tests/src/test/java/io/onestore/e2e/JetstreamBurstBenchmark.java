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
 * Jetstream on a clock far faster than real time (a busy brand's posts, their likes and reposts, and deletions: the
 * "whole network"). Both readers replay the same stretch from the same cursor, hours of simulated time behind live, so
 * each reads as fast as it can rather than as fast as the simulator makes events at live, and both read the same
 * events (the world is seeded). Baseline: a bare WebSocket client (the JDK's) that only counts frames, subscribed with
 * {@code ?cursor=} to the same collections. Ours: the ingestor jar (heap capped at 256 MB, as every service in the
 * tests) started from the same cursor (written to its {@code source-cursors} before it starts; no back-fill
 * connection), reading for a quiet watched tag, parsing, matching, indexing the few matches, counting likes and
 * storing its cursor. Both skip the same first events (warm-up), then read for the same time; the report says how far
 * behind the simulator's now each one's last event was (at live the simulator would set the pace). The ingestor's
 * heap is sampled every second from its metrics endpoint. Writes {@code e2e-tests/target/bench/jetstream-burst.txt}
 * and {@code .json}. Tune with {@code -Donestore.bench.burst-seconds=}, {@code .burst-clock-rate=},
 * {@code .burst-posts-per-hour=}; {@code -Donestore.bench.burst-jfr=<file>.jfr} records the ingestor with Flight Recorder.
 */
class JetstreamBurstBenchmark {

    static final Path LOGS =
            Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "JetstreamBurstBenchmark");
    /** Events each reader reads before its window starts: the ingestor's first batches wait for the index contract. */
    static final long WARM_UP_EVENTS = 5_000;
    /** The ingestor's {@code cursor-overlap}, set explicitly so the seeded cursor makes it start exactly at ours. */
    static final long CURSOR_OVERLAP_US = 5_000_000;

    static final String COLLECTIONS = "wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.like"
            + "&wantedCollections=app.bsky.feed.repost";

    @Test
    void eventsPerSecondAndHeapUnderABurst() throws Exception {
        int seconds = Integer.getInteger("onestore.bench.burst-seconds", 60);
        String clockRate = System.getProperty("onestore.bench.burst-clock-rate", "600");
        String postsPerHour = System.getProperty("onestore.bench.burst-posts-per-hour", "50000");
        Instant testStart = Instant.now();
        Map<String, String> world = new HashMap<>();
        world.put("ONESTORE_SIMULATOR_SEED", "17");
        world.put("ONESTORE_SIMULATOR_CLOCK_RATE", clockRate);
        // The world starts six hours back; both readers start an hour after it (the engagement window full: likes and
        // reposts at their steady rate), five hours plus the simulator's start-up times the clock rate behind live.
        world.put(
                "ONESTORE_SIMULATOR_ORIGIN",
                testStart.minus(Duration.ofHours(6)).toString());
        long cursorUs = testStart.minus(Duration.ofHours(5)).toEpochMilli() * 1000;
        // The replay window is simulated time: the default 24 h passes in 144 real seconds at x600, before the
        // ingestor connects, and an older cursor would silently start later.
        world.put("ONESTORE_SIMULATOR_JETSTREAM_REPLAY_WINDOW", "3650d");
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
            long nowAtStartUs = JetstreamReplay.simulatorNowUs(subscribe + "?" + COLLECTIONS);
            Reader bare = bareClient(URI.create(subscribe + "?cursor=" + cursorUs + "&" + COLLECTIONS), seconds);
            // Over the whole baseline run (its warm-up too): the simulator's cost of the stream.
            double baselineSimulatorShare =
                    (cpuSeconds(simulator.pid()) - simulatorCpu) / ((System.nanoTime() - start) / 1e9);
            bare = bare.withNow(JetstreamReplay.simulatorNowUs(subscribe + "?" + COLLECTIONS));
            Result ours = ingestor(subscribe, seconds, simulator, cursorUs);
            report(seconds, clockRate, postsPerHour, cursorUs, nowAtStartUs, bare, baselineSimulatorShare, ours);
        }
    }

    /**
     * One reader's figures.
     *
     * @param eventsPerSecond events read per second over the window
     * @param lastTimeUs the {@code time_us} of (about) the last event read in the window: for the bare client one of
     *     its last 1,024 frames, for the ingestor its stored cursor (stored at most every {@code cursor-interval})
     * @param nowUs the simulator's now right after the window, in microseconds
     */
    record Reader(double eventsPerSecond, long lastTimeUs, long nowUs) {

        Reader withNow(long now) {
            return new Reader(eventsPerSecond, lastTimeUs, now);
        }

        /** How far behind the simulator's now the reader's last event was, in simulated hours. */
        double hoursBehind() {
            return (nowUs - lastTimeUs) / 3.6e9;
        }
    }

    /**
     * Frames per second a client that does nothing but count them reads, after {@link #WARM_UP_EVENTS}, and the
     * {@code time_us} of every 1,024th frame (parsing each would make the baseline slower).
     */
    private static Reader bareClient(URI uri, int seconds) throws Exception {
        AtomicLong frames = new AtomicLong();
        AtomicLong lastTimeUs = new AtomicLong(-1);
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
                    long n = frames.incrementAndGet();
                    if ((n & 1023) == 0) {
                        lastTimeUs.set(JetstreamReplay.timeUs(data));
                    }
                    if (n == WARM_UP_EVENTS) {
                        first.countDown();
                    }
                }
                return null;
            }
        };
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(uri, counter)
                .get(1, TimeUnit.MINUTES);
        if (!first.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("fewer than " + WARM_UP_EVENTS + " events from " + uri);
        }
        long from = frames.get();
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds); // a measurement window, not a wait for a condition
        long read = frames.get() - from;
        double elapsed = (System.nanoTime() - start) / 1e9;
        socket.abort();
        return new Reader(read / elapsed, lastTimeUs.get(), -1);
    }

    /**
     * @param busyShare the share of the window the consumer spent handling batches (the rest it waited for the socket)
     * @param ingestorCpu the ingestor's CPU seconds per second over the window
     * @param simulatorCpu the simulator's CPU seconds per second over the window
     */
    record Result(
            Reader reader,
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

    private static Result ingestor(String subscribe, int seconds, JavaService simulator, long cursorUs)
            throws Exception {
        Path targets = Files.writeString(Files.createDirectories(LOGS).resolve("targets.txt"), "#watched bluesky\n");
        Map<String, String> env = new HashMap<>();
        String es = ElasticsearchTestServer.global().url();
        String prefix = ElasticsearchTestServer.indexPrefix(JetstreamBurstBenchmark.class);
        env.put("SPRING_ELASTICSEARCH_URIS", es);
        env.put("ONESTORE_INDEX_PREFIX", prefix);
        // It starts where the bare client started: the stored cursor, less the overlap it resumes before it.
        JetstreamReplay.seedIngestorCursor(es, prefix, cursorUs, CURSOR_OVERLAP_US);
        env.put("ONESTORE_SOURCES_BLUESKY_CURSOR_OVERLAP", CURSOR_OVERLAP_US / 1000 + "ms");
        // No back-fill: a second connection replaying for a new tag would share the simulator and the consumer.
        env.put("ONESTORE_SOURCES_BLUESKY_BACKFILL", "0s");
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
            while (metric(metrics + "onestore.bluesky.stream.events") < WARM_UP_EVENTS
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
            long lastUs = JetstreamReplay.storedIngestorCursor(es, prefix);
            long nowUs = JetstreamReplay.simulatorNowUs(subscribe + "?" + COLLECTIONS);
            return new Result(
                    new Reader(read / elapsed, lastUs, nowUs),
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
            long cursorUs,
            long nowAtStartUs,
            Reader bare,
            double baselineSimulatorCpu,
            Result ours)
            throws Exception {
        double baseline = bare.eventsPerSecond();
        String text = String.format(
                Locale.ROOT,
                "jetstream burst: %d s each, both replaying the same stretch from the same cursor (%s, %.1f simulated h"
                        + " behind the simulator's now at the first connection; after %d events of warm-up),"
                        + " simulator clock x%s, busy brand %s posts/h with likes, reposts, deletes; at the end of its"
                        + " window the baseline was %.1f h behind live (%s), the ingestor %.1f h (%s)%n"
                        + "baseline (bare WebSocket client counting frames): %.0f events/s%n"
                        + "ingestor (parse, match, index, count likes, cursor): %.0f events/s, ratio %.3f%n"
                        + "ingestor heap (cap 256 MB): max used %.1f MB, max live after GC %.1f MB, at the end %.1f MB,"
                        + " alive at the end: %s%n"
                        + "where the time goes: consumer handling batches %.0f%% of the window (the rest waiting for"
                        + " the socket); CPU per second: ingestor %.2f, simulator %.2f (%.2f under the bare client),"
                        + " load average %s%n",
                seconds,
                Instant.EPOCH.plusNanos(cursorUs * 1000),
                (nowAtStartUs - cursorUs) / 3.6e9,
                WARM_UP_EVENTS,
                clockRate,
                postsPerHour,
                bare.hoursBehind(),
                liveOrNot(bare),
                ours.reader().hoursBehind(),
                liveOrNot(ours.reader()),
                baseline,
                ours.reader().eventsPerSecond(),
                ours.reader().eventsPerSecond() / baseline,
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
                        ours.reader().eventsPerSecond(),
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

    /** At live a reader reads only as fast as the simulator makes events; a few simulated minutes count as live. */
    private static String liveOrNot(Reader reader) {
        if (reader.lastTimeUs() < 0 || reader.nowUs() < 0) {
            return "unknown";
        }
        return reader.hoursBehind() < 0.1 ? "reached live: paced by the simulator" : "never at live";
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
