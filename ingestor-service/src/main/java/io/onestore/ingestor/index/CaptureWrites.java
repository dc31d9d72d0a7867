package io.onestore.ingestor.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.PostMetricsDocument;
import io.onestore.model.document.TagVolumeDocument;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.json.ContractJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns a capture into the writes it stands for, each with its deterministic id. */
final class CaptureWrites {

    private static final ObjectMapper JSON = ContractJson.mapper();

    private final Duration bucket;

    CaptureWrites(Duration bucket) {
        this.bucket = bucket;
    }

    List<IndexWrite> of(CaptureBatch batch) {
        List<IndexWrite> writes = new ArrayList<>();
        for (PostDocument post : batch.posts()) {
            writes.add(IndexWrite.of(IndexAlias.POSTS, post.id(), JSON.valueToTree(post)));
        }
        for (PostMetricsDocument metrics : batch.metrics()) {
            writes.add(IndexWrite.of(IndexAlias.POST_METRICS, metrics.id(bucket), JSON.valueToTree(metrics)));
        }
        if (batch.tagSnapshot() != null) {
            writes.add(IndexWrite.of(
                    IndexAlias.TAG_SNAPSHOTS, batch.tagSnapshot().id(bucket), JSON.valueToTree(batch.tagSnapshot())));
        }
        for (TagVolumeDocument hour : batch.tagVolume()) {
            writes.add(IndexWrite.of(IndexAlias.TAG_VOLUME, hour.id(), JSON.valueToTree(hour)));
        }
        if (batch.profileSnapshot() != null) {
            writes.add(IndexWrite.of(
                    IndexAlias.PROFILE_SNAPSHOTS,
                    batch.profileSnapshot().id(bucket),
                    JSON.valueToTree(batch.profileSnapshot())));
        }
        writes.addAll(deadLetters(batch.deadLetters()));
        return writes;
    }

    static List<IndexWrite> deadLetters(List<DeadLetterDocument> deadLetters) {
        return deadLetters.stream()
                .map(letter -> deadLetter((ObjectNode) JSON.valueToTree(letter)))
                .toList();
    }

    /**
     * A dead letter's id is derived from its content without the time it failed: the same refusal replayed from the
     * spool, or seen again next cycle, is one dead letter rather than a growing pile.
     */
    static IndexWrite deadLetter(ObjectNode letter) {
        ObjectNode identity = letter.deepCopy();
        identity.remove("failed_at");
        UUID id = UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8));
        return IndexWrite.of(IndexAlias.DEADLETTER, id.toString(), letter);
    }

    static JsonNode tree(Object document) {
        return JSON.valueToTree(document);
    }
}
