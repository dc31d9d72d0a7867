package io.onestore.ingestor.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * CPU per document of both sides over the measured rounds (medians), the stage breakdown of ours, and what they imply:
 * the ratio two shared cores allow if throughput is bound by the CPU both ends spend, and the ratio if our client cost
 * nothing beyond Elasticsearch's own work.
 */
final class CpuReport {

    /** One side of one kind of capture over the rounds. */
    static final class Cpu {
        final List<CpuMeter.Spent> ours = new ArrayList<>();
        final List<CpuMeter.Spent> raw = new ArrayList<>();

        double ours(ToDoubleFunction<CpuMeter.Spent> field) {
            return IngestBenchmark.median(
                    ours.stream().map(field::applyAsDouble).toList());
        }

        double raw(ToDoubleFunction<CpuMeter.Spent> field) {
            return IngestBenchmark.median(raw.stream().map(field::applyAsDouble).toList());
        }

        /** Both ends' CPU per document, raw over ours: the throughput ratio if the cores are the bound. */
        double cpuBoundRatio() {
            return (raw(CpuMeter.Spent::jvm) + raw(CpuMeter.Spent::elasticsearch))
                    / (ours(CpuMeter.Spent::jvm) + ours(CpuMeter.Spent::elasticsearch));
        }

        /** The same with our JVM costing no more than the raw client's. */
        double freeClientRatio() {
            return (raw(CpuMeter.Spent::jvm) + raw(CpuMeter.Spent::elasticsearch))
                    / (raw(CpuMeter.Spent::jvm) + ours(CpuMeter.Spent::elasticsearch));
        }
    }

    static String row(String name, Cpu cpu) {
        return String.format(
                Locale.ROOT,
                "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f / %.1f | %.1f / %.1f | %.2f | %.2f | %.2f |",
                name,
                cpu.ours(CpuMeter.Spent::thread),
                cpu.ours(CpuMeter.Spent::jvm),
                cpu.ours(CpuMeter.Spent::gc),
                cpu.ours(CpuMeter.Spent::elasticsearch),
                cpu.raw(CpuMeter.Spent::jvm),
                cpu.raw(CpuMeter.Spent::elasticsearch),
                cpu.ours(CpuMeter.Spent::refreshes),
                cpu.raw(CpuMeter.Spent::refreshes),
                cpu.ours(CpuMeter.Spent::merging),
                cpu.raw(CpuMeter.Spent::merging),
                cpu.ours(CpuMeter.Spent::wall) / cpu.raw(CpuMeter.Spent::wall),
                cpu.cpuBoundRatio(),
                cpu.freeClientRatio());
    }

    static List<String> table(List<String> rows) {
        List<String> md = new ArrayList<>();
        md.add("CPU per document (µs, median of the rounds): ours = the benchmark JVM while the indexer runs (capturing"
                + " thread, and whole JVM with the bulk ingester's I/O and answer threads; GC = the collectors' pause time, inside the JVM figure),"
                + " raw = the same JVM while the raw client's two workers post; Elasticsearch = its process CPU"
                + " (`_nodes/stats/process`) during that side, with the refreshes and the merge time of every index on the node. CPU-bound ratio = (raw client + ES under raw) / (our JVM +"
                + " ES under ours): the throughput ratio if the two shared cores are the bound. Free-client ratio: the"
                + " same if our JVM cost what the raw client costs, i.e. the ceiling set by Elasticsearch's own work.");
        md.add("");
        md.add(
                "| capture | ours: capturing thread | ours: JVM | ours: GC | ES under ours | raw client JVM | ES under raw"
                        + " | ES refreshes per 10k docs ours / raw | ES merging µs/doc ours / raw | wall ratio ours/raw"
                        + " | CPU-bound ratio | free-client ratio |");
        md.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        md.addAll(rows);
        return md;
    }

    static List<String> stages(StageCosts.Breakdown stages, Cpu first, Cpu again) {
        List<String> md = new ArrayList<>();
        md.add(String.format(
                Locale.ROOT,
                "Our side's CPU per document by stage (µs, thread CPU of one pass over the same pages without"
                        + " Elasticsearch, %d documents a capture); the rest is what the timed run's JVM spent beyond"
                        + " the stages: the HTTP client, the bulk ingester, reading answers, collections, compilation.",
                stages.documents()));
        md.add("");
        md.add("| capture | " + String.join(" | ", StageCosts.STAGES) + " | sum | timed run: JVM | rest |");
        md.add("| --- |" + " ---: |".repeat(StageCosts.STAGES.size() + 3));
        md.add(stageRow("first capture", stages.first(), first.ours(CpuMeter.Spent::jvm)));
        md.add(stageRow("recapture", stages.again(), again.ours(CpuMeter.Spent::jvm)));
        return md;
    }

    private static String stageRow(String name, double[] micros, double jvm) {
        StringBuilder row = new StringBuilder("| " + name + " |");
        double sum = 0;
        for (double stage : micros) {
            row.append(String.format(Locale.ROOT, " %.1f |", stage));
            sum += stage;
        }
        row.append(String.format(Locale.ROOT, " %.1f | %.1f | %.1f |", sum, jvm, jvm - sum));
        return row.toString();
    }

    static void figures(ArrayNode figures, String name, Cpu cpu) {
        ObjectNode figure = figures.addObject();
        figure.put("name", name + ", CPU per document (client JVM + Elasticsearch)");
        double ours = cpu.ours(CpuMeter.Spent::jvm) + cpu.ours(CpuMeter.Spent::elasticsearch);
        double raw = cpu.raw(CpuMeter.Spent::jvm) + cpu.raw(CpuMeter.Spent::elasticsearch);
        figure.put("ours", Math.round(ours * 10) / 10.0);
        figure.put("baseline", Math.round(raw * 10) / 10.0);
        figure.put("ratio", Math.round(ours / raw * 100) / 100.0);
        figure.put("goal", "<= 1.11 (the CPU that 0.9x the throughput allows)");
        figure.put("unit", "µs CPU/doc");
        figure.put("ours_jvm", Math.round(cpu.ours(CpuMeter.Spent::jvm) * 10) / 10.0);
        figure.put("ours_elasticsearch", Math.round(cpu.ours(CpuMeter.Spent::elasticsearch) * 10) / 10.0);
        figure.put("raw_client", Math.round(cpu.raw(CpuMeter.Spent::jvm) * 10) / 10.0);
        figure.put("raw_elasticsearch", Math.round(cpu.raw(CpuMeter.Spent::elasticsearch) * 10) / 10.0);
        figure.put("free_client_ratio", Math.round(cpu.freeClientRatio() * 100) / 100.0);
    }
}
