package io.onestore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion on the figures; run by {@code bench/coverage.sh}, not by the build): one busy tag captured in
 * every mode for a while ({@link BusyTagRig}), then per mode the share of the truth's public posts stored after the
 * first interval, the gaps recorded, and the share of the account pool's budget the capture used. Writes
 * {@code e2e-tests/target/bench/coverage-benchmark.txt}. Tune with {@code -Donestore.bench.posts-per-hour=},
 * {@code .accounts=}, {@code .intervals=}, {@code .clock-rate=}.
 */
class CoverageBenchmark {

    @Test
    void coveragePerModeAndBudgetUsed() throws Exception {
        int postsPerHour = Integer.getInteger("onestore.bench.posts-per-hour", 20_000);
        int accounts = Integer.getInteger("onestore.bench.accounts", 20);
        int intervals = Integer.getInteger("onestore.bench.intervals", 6);
        double clockRate = Double.parseDouble(System.getProperty("onestore.bench.clock-rate", "6"));
        StringBuilder out = new StringBuilder(
                "coverage of one tag at %d posts/h, %d accounts x 200 calls/h, %d intervals of 5 min (simulated, clock x%s)%n"
                        .formatted(postsPerHour, accounts, intervals, clockRate));
        out.append("%-7s %9s %9s %8s %6s %10s %12s%n"
                .formatted("mode", "truth", "stored", "share", "gaps", "calls", "budget used"));
        try (BusyTagRig rig = new BusyTagRig(
                CoverageBenchmark.class, List.of("web", "legacy", "graph"), postsPerHour, accounts, clockRate)) {
            Instant started = simulatedNow(rig);
            Map<String, Instant> firstMark = rig.captureFor(intervals);
            Instant ended = simulatedNow(rig);
            double hours = Duration.between(started, ended).toMillis() / 3_600_000.0;
            for (String mode : rig.modes) {
                JsonNode ledger = rig.ledger(mode);
                Instant from = firstMark.get(mode).plus(BusyTagRig.INTERVAL);
                Instant to = BusyTagRig.mark(ledger);
                long truth = rig.truth(from, to).path("public_posts").asLong();
                int stored = rig.storedIds(mode, from, to).size();
                long calls = ledger.path("calls_spent").asLong();
                double budget = accounts * rig.callsPerHour * hours;
                out.append("%-7s %9d %9d %7.2f%% %6d %10d %11.1f%%%n"
                        .formatted(
                                mode,
                                truth,
                                stored,
                                100.0 * stored / truth,
                                rig.gaps(mode).size(),
                                calls,
                                100.0 * calls / budget));
            }
            out.append("(budget: accounts x 200 calls x %.2f simulated hours since the simulator started)%n"
                    .formatted(hours));
        }
        System.out.print(out);
        // (the calls include back-fill of the tag's short history and the top posts; the budget is the pool's whole)
        Path report = Path.of("target", "bench", "coverage-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
    }

    private static Instant simulatedNow(BusyTagRig rig) {
        return Instant.parse(Json.get(rig.simulator.url() + "/__truth/world")
                .body()
                .path("now")
                .asText());
    }
}
