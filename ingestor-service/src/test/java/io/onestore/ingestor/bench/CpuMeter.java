package io.onestore.ingestor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * CPU spent during one side of a round, on both ends of the wire: this thread's CPU (the capturing thread), the whole
 * benchmark JVM's CPU (which holds the bulk ingester's I/O and answer threads, or the raw client's workers), the time
 * the JVM's collectors report, and Elasticsearch's process CPU from {@code _nodes/_local/stats/process} (its indexing,
 * refreshes and merges alike). On two shared cores, throughput bound by CPU shows as the two ends adding up.
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI stats;

    CpuMeter(String elasticsearchUrl) {
        this.stats = URI.create(elasticsearchUrl + "/_nodes/_local/stats/process,indices");
    }

    /**
     * CPU seconds spent, per end, and Elasticsearch's refreshes and merge time (seconds); {@link #perDocument} gives µs
     * per document, refreshes per 10,000 documents.
     */
    record Spent(
            double thread, double jvm, double gc, double elasticsearch, double wall, double refreshes, double merging) {

        Spent perDocument(long documents) {
            double micros = 1e6 / documents;
            return new Spent(
                    thread * micros,
                    jvm * micros,
                    gc * micros,
                    elasticsearch * micros,
                    wall * micros,
                    refreshes * 1e4 / documents,
                    merging * micros);
        }
    }

    /** A reading now; {@link Reading#spent()} later gives the difference. */
    Reading start() {
        return new Reading(now());
    }

    final class Reading {
        private final double[] start;

        private Reading(double[] start) {
            this.start = start;
        }

        Spent spent() {
            double[] end = now();
            double[] d = new double[end.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = end[i] - start[i];
            }
            return new Spent(d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
        }
    }

    private double[] now() {
        double gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime()) / 1e3;
        }
        JsonNode node = elasticsearchStats();
        return new double[] {
            THREADS.getCurrentThreadCpuTime() / 1e9,
            OS.getProcessCpuTime() / 1e9,
            gc,
            node.path("process").path("cpu").path("total_in_millis").asLong() / 1e3,
            System.nanoTime() / 1e9,
            node.path("indices").path("refresh").path("total").asLong(),
            node.path("indices").path("merges").path("total_time_in_millis").asLong() / 1e3
        };
    }

    /**
     * Elasticsearch's CPU while nobody writes, in CPU seconds per second: what it spends on its own (cluster state,
     * housekeeping) at any rate, so a slower side pays more of it per document.
     */
    double elasticsearchIdle(Duration over) throws InterruptedException {
        double start = elasticsearchCpuSeconds(elasticsearchStats());
        long begun = System.nanoTime();
        Thread.sleep(over.toMillis());
        return (elasticsearchCpuSeconds(elasticsearchStats()) - start) / ((System.nanoTime() - begun) / 1e9);
    }

    /** Thread CPU of the calling thread, in seconds. */
    static double threadCpu() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
    }

    private static double elasticsearchCpuSeconds(JsonNode node) {
        return node.path("process").path("cpu").path("total_in_millis").asLong() / 1e3;
    }

    /**
     * The node's process and index statistics (refreshes and merges summed over every index on it), collected after
     * this call began: Elasticsearch caches process statistics for a second, and a side of a small round is over in
     * less, so a cached figure would miss most of it.
     */
    private JsonNode elasticsearchStats() {
        long asked = System.currentTimeMillis();
        try {
            while (true) {
                HttpResponse<String> response =
                        http.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode node =
                        json.readTree(response.body()).path("nodes").elements().next();
                if (node.path("process").path("timestamp").asLong() >= asked) {
                    return node;
                }
                Thread.sleep(100);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read Elasticsearch's process CPU from " + stats, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
