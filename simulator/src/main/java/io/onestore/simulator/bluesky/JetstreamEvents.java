package io.onestore.simulator.bluesky;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.SeedMix;
import io.onestore.simulator.world.World;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The world as Bluesky's Jetstream shows it: every public post is an {@code app.bsky.feed.post} create commit at its
 * post time, and a deterministic share of posts is deleted {@code delete-after} later (a delete commit). Events are
 * ordered by {@code time_us}, unique per event, so a cursor names one place in the stream.
 */
public final class JetstreamEvents {

    public static final String COLLECTION = "app.bsky.feed.post";
    private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]+)");

    private final World world;
    private final SimulatorProperties.Jetstream settings;

    public JetstreamEvents(World world, SimulatorProperties.Jetstream settings) {
        this.world = world;
        this.settings = settings;
    }

    /** An event: its position and its JSON. */
    public record Event(long timeUs, Map<String, Object> json) {}

    /** The post's record URI: {@code at://did:plc:…/app.bsky.feed.post/<rkey>}. */
    public static String uri(Post post) {
        return "at://" + did(post) + "/" + COLLECTION + "/" + post.blueskyRkey();
    }

    public static String did(Post post) {
        return "did:plc:onestore" + Long.toString(100_000 + post.author().index(), 32);
    }

    /** When the post is deleted, or null when it is not. */
    public Instant deletedAt(Post post) {
        if (SeedMix.unit(post.igId(), 0xde1e7eL) >= settings.deleteShare()) {
            return null;
        }
        return Instant.ofEpochSecond(post.takenAt()).plus(settings.deleteAfter());
    }

    /** The delete event's position (just after the post time's low digits), or null when the post is not deleted. */
    public Long deleteUs(Post post) {
        Instant deleted = deletedAt(post);
        return deleted == null ? null : deleted.getEpochSecond() * 1_000_000L + (createUs(post) % 1_000_000L) + 1;
    }

    /** Every event with {@code fromUs < time_us <= toUs}, oldest first. */
    public List<Event> between(long fromUs, long toUs, long nowSecond) {
        long fromSecond =
                Math.floorDiv(fromUs, 1_000_000) - settings.deleteAfter().toSeconds() - 1;
        long toSecond = Math.floorDiv(toUs, 1_000_000) + 1;
        List<Event> events = new ArrayList<>();
        for (Post post : world.posts(fromSecond, toSecond, nowSecond)) {
            if (!post.isVisible()) {
                continue;
            }
            long create = createUs(post);
            if (create > fromUs && create <= toUs) {
                events.add(new Event(create, create(post, create)));
            }
            Long delete = deleteUs(post);
            if (delete != null) {
                if (delete > fromUs && delete <= toUs && Math.floorDiv(delete, 1_000_000L) <= nowSecond) {
                    events.add(new Event(delete, delete(post, delete)));
                }
            }
        }
        events.sort(Comparator.comparingLong(Event::timeUs));
        return events;
    }

    /** The create event's position: the post time plus its distinct low digits, so no two events share one. */
    static long createUs(Post post) {
        return post.takenAt() * 1_000_000L + ((long) post.brand() << 12 | post.seq()) % 500_000L * 2;
    }

    private static Map<String, Object> create(Post post, long timeUs) {
        String text = post.caption() == null ? "" : post.caption();
        Map<String, Object> record = Json.object(
                "$type", COLLECTION,
                "createdAt", Instant.ofEpochSecond(post.takenAt()).toString().replace("Z", ".000Z"),
                "langs", List.of("en"),
                "text", text,
                "facets", facets(text));
        return Json.object(
                "did",
                did(post),
                "time_us",
                timeUs,
                "kind",
                "commit",
                "commit",
                Json.object(
                        "rev",
                        post.blueskyRkey(),
                        "operation",
                        "create",
                        "collection",
                        COLLECTION,
                        "rkey",
                        post.blueskyRkey(),
                        "record",
                        record,
                        "cid",
                        "bafyreib" + post.blueskyRkey()));
    }

    private static Map<String, Object> delete(Post post, long timeUs) {
        return Json.object(
                "did",
                did(post),
                "time_us",
                timeUs,
                "kind",
                "commit",
                "commit",
                Json.object(
                        "rev",
                        post.blueskyRkey() + "d",
                        "operation",
                        "delete",
                        "collection",
                        COLLECTION,
                        "rkey",
                        post.blueskyRkey()));
    }

    /** A tag facet per {@code #tag}, indexed in UTF-8 bytes as Bluesky's facets are. */
    private static List<Object> facets(String text) {
        List<Object> facets = new ArrayList<>();
        Matcher m = HASHTAG.matcher(text);
        while (m.find()) {
            int start = text.substring(0, m.start()).getBytes(StandardCharsets.UTF_8).length;
            int end = start + m.group().getBytes(StandardCharsets.UTF_8).length;
            facets.add(Json.object(
                    "features", List.of(Json.object("$type", "app.bsky.richtext.facet#tag", "tag", m.group(1))),
                    "index", Json.object("byteStart", start, "byteEnd", end)));
        }
        return facets;
    }
}
