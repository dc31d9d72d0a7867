package io.onestore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.index.IndexNames;
import io.onestore.model.index.IndexTemplates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link JetstreamBurstBenchmark} needs to have both readers replay the same stretch of the simulator's stream:
 * the ingestor's stored stream cursor written before it starts, the simulator's "now" (its clock runs far faster than
 * real time), and an event's {@code time_us}.
 */
final class JetstreamReplay {

    private static final Pattern TIME_US = Pattern.compile("\"time_us\"\\s*:\\s*(\\d+)");

    private JetstreamReplay() {}

    /**
     * Writes the ingestor's Bluesky stream cursor ({@code source-cursors}, id {@code bluesky-jetstream:firehose}) so
     * that it starts at {@code startUs}: it resumes {@code overlapUs} before the stored cursor. The alias is installed
     * as the ingestor's own contract does (template, then the first index behind the alias); the ingestor finds it
     * there and only puts the mappings again.
     */
    static void seedIngestorCursor(String es, String prefix, long startUs, long overlapUs) {
        IndexNames names = new IndexNames(prefix);
        IndexAlias alias = IndexAlias.SOURCE_CURSORS;
        Json.put(es + "/_index_template/" + names.template(alias), IndexTemplates.indexTemplate(names, alias))
                .ok();
        Json.put(
                        es + "/" + names.firstIndex(alias),
                        Map.of("aliases", Map.of(names.alias(alias), Map.of("is_write_index", true))))
                .ok();
        Json.put(
                        es + "/" + names.sourceCursors() + "/_doc/bluesky-jetstream:firehose?refresh=true",
                        Map.of(
                                "source",
                                "bluesky-jetstream",
                                "key",
                                "firehose",
                                "cursor",
                                Long.toString(startUs + overlapUs),
                                "updated_at",
                                java.time.Instant.now().toString()))
                .ok();
    }

    /** The ingestor's stored stream cursor ({@code time_us}), or -1 when none is stored. */
    static long storedIngestorCursor(String es, String prefix) {
        JsonNode body = Json.get(es + "/" + new IndexNames(prefix).sourceCursors() + "/_doc/bluesky-jetstream:firehose")
                .body();
        return body.path("_source").path("cursor").asLong(-1);
    }

    /**
     * The simulator's "now" in microseconds: the {@code time_us} of the first event of a subscription without a cursor
     * (which starts at live), read on a short connection of its own.
     */
    static long simulatorNowUs(String subscribe) throws Exception {
        CompletableFuture<Long> first = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(subscribe), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        first.complete(timeUs(data));
                        return null;
                    }
                })
                .get(1, TimeUnit.MINUTES);
        try {
            return first.get(1, TimeUnit.MINUTES);
        } finally {
            socket.abort();
        }
    }

    /** An event's {@code time_us}, or -1 when the frame has none. */
    static long timeUs(CharSequence frame) {
        Matcher m = TIME_US.matcher(frame);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
