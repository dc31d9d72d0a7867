package io.onestore.ingestor.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The baseline's input: the final documents of a capture as {@code _bulk} bodies on disk, and a check of both sides. */
final class BulkBodies {

    private static final ObjectMapper JSON = ContractJson.mapper();

    private BulkBodies() {}

    /**
     * @param firstSeen for a recapture, the first capture's time: the final post keeps it as {@code first_seen_at}
     *     (the hashtags are the same in both captures, so their union is the capture's own)
     */
    static List<Path> write(IndexNames names, List<CaptureBatch> batches, Instant firstSeen, int chunk, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> bodies = new ArrayList<>();
        BufferedWriter out = null;
        int inBody = 0;
        for (CaptureBatch batch : batches) {
            List<String> ops = new ArrayList<>();
            batch.posts().forEach(p -> {
                ObjectNode post = JSON.valueToTree(p);
                if (firstSeen != null) {
                    post.put("first_seen_at", firstSeen.toString());
                }
                ops.add(op(names.posts(), p.id(), post));
            });
            batch.metrics().forEach(m -> ops.add(op(names.postMetrics(), m.id(IngestTestSettings.INTERVAL), m)));
            if (batch.tagSnapshot() != null) {
                ops.add(op(
                        names.tagSnapshots(),
                        batch.tagSnapshot().id(IngestTestSettings.INTERVAL),
                        batch.tagSnapshot()));
            }
            for (String op : ops) {
                if (out == null || inBody == chunk) {
                    if (out != null) {
                        out.close();
                    }
                    Path body = dir.resolve("bulk-" + bodies.size() + ".ndjson");
                    bodies.add(body);
                    out = Files.newBufferedWriter(body, StandardCharsets.UTF_8);
                    inBody = 0;
                }
                out.write(op);
                inBody++;
            }
        }
        if (out != null) {
            out.close();
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

    /** Both sides hold every post once, and the same number of metrics documents: the race was a fair one. */
    static void check(ElasticsearchClient client, IndexNames raw, IndexNames ours, long posts) throws IOException {
        client.indices().refresh(r -> r.index(raw.prefix() + "*", ours.prefix() + "*"));
        for (IndexNames names : List.of(raw, ours)) {
            long stored = client.count(c -> c.index(names.posts())).count();
            long metrics = client.count(c -> c.index(names.postMetrics())).count();
            if (stored != posts || metrics != 2 * posts) {
                throw new IllegalStateException(names.prefix() + " holds " + stored + " posts and " + metrics
                        + " metrics documents, expected " + posts + " and " + 2 * posts);
            }
        }
    }

    /** Elasticsearch refuses wildcards in a delete (action.destructive_requires_name): name each index. */
    static void deleteIndices(ElasticsearchClient client, IndexNames... sides) throws IOException {
        List<String> indices = new ArrayList<>();
        for (IndexNames names : sides) {
            indices.addAll(client.indices()
                    .get(g -> g.index(names.prefix() + "*"))
                    .result()
                    .keySet());
        }
        client.indices().delete(d -> d.index(indices));
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
