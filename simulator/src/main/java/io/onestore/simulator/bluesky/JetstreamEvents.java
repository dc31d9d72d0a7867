package io.onestore.simulator.bluesky;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Engagement;
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
 * post time, and a deterministic share of posts is deleted {@code delete-after} later (a delete commit). Within
 * {@code engagement-window} of posting (and before its deletion) each like and repost the world's engagement curve
 * gives the post is an {@code app.bsky.feed.like} / {@code app.bsky.feed.repost} create commit at the moment the
 * curve reaches it, so the stream's count of them equals the post's likes and shares at every instant. Events are
 * ordered by {@code time_us}; creates and deletes have distinct ones, likes and reposts fall on any microsecond.
 */
public final class JetstreamEvents {

    public static final String COLLECTION = "app.bsky.feed.post";
    public static final String LIKE = "app.bsky.feed.like";
    public static final String REPOST = "app.bsky.feed.repost";
    private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]+)");

    private final World world;
    private final SimulatorProperties.Jetstream settings;

    public JetstreamEvents(World world, SimulatorProperties.Jetstream settings) {
        this.world = world;
        this.settings = settings;
    }

    /** An event: its position, its collection and its JSON. */
    public record Event(long timeUs, String collection, Map<String, Object> json) {}

    /** The post's record URI: {@code at://did:plc:…/app.bsky.feed.post/<rkey>}. */
    public static String uri(Post post) {
        return "at://" + did(post) + "/" + COLLECTION + "/" + post.blueskyRkey();
    }

    public static String did(Post post) {
        return did(post.author());
    }

    /** The author's DID on the stand-in network: {@code did:plc:onestore<base32 of 100000 + index>}. */
    public static String did(Author author) {
        return "did:plc:onestore" + Long.toString(100_000 + author.index(), 32);
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
        long lookBack = Math.max(
                settings.deleteAfter().toSeconds(), settings.engagementWindow().toSeconds());
        long fromSecond = Math.floorDiv(fromUs, 1_000_000) - lookBack - 1;
        long toSecond = Math.floorDiv(toUs, 1_000_000) + 1;
        List<Event> events = new ArrayList<>();
        for (Post post : world.posts(fromSecond, toSecond, nowSecond)) {
            if (!post.isVisible()) {
                continue;
            }
            long create = createUs(post);
            if (create > fromUs && create <= toUs) {
                events.add(new Event(create, COLLECTION, create(post, create)));
            }
            Long delete = deleteUs(post);
            if (delete != null) {
                if (delete > fromUs && delete <= toUs && Math.floorDiv(delete, 1_000_000L) <= nowSecond) {
                    events.add(new Event(delete, COLLECTION, delete(post, delete)));
                }
            }
            engagement(post, LIKE, post.appeal(), fromUs, toUs, events);
            engagement(post, REPOST, Engagement.shareCeiling(post), fromUs, toUs, events);
        }
        events.sort(Comparator.comparingLong(Event::timeUs));
        return events;
    }

    /** The {@code time_us} of each like (or repost) of the post the stream sends up to {@code untilUs}, in order. */
    public List<Long> engagementUs(Post post, String collection, long untilUs) {
        double ceiling = LIKE.equals(collection) ? post.appeal() : Engagement.shareCeiling(post);
        List<Long> times = new ArrayList<>();
        long create = createUs(post);
        long end = engagementEnd(post, untilUs);
        for (long n = 1; ; n++) {
            long at = create + micros(Engagement.secondsUntil(ceiling, n));
            if (at > end) {
                return times;
            }
            times.add(at);
        }
    }

    /** The n-th like or repost at {@code create + secondsUntil(n)}, from just before the range's start. */
    private void engagement(Post post, String collection, double ceiling, long fromUs, long toUs, List<Event> events) {
        long create = createUs(post);
        long end = engagementEnd(post, toUs);
        long first = Math.max(1, Engagement.countAt(ceiling, (fromUs - create) / 1e6) - 1);
        for (long n = first; ; n++) {
            long at = create + micros(Engagement.secondsUntil(ceiling, n));
            if (at > end) {
                return;
            }
            if (at > fromUs) {
                events.add(new Event(at, collection, engagement(post, collection, n, at)));
            }
        }
    }

    /** The last instant a like or repost may happen: within the window, before the deletion, not after {@code toUs}. */
    private long engagementEnd(Post post, long toUs) {
        long end = Math.min(toUs, createUs(post) + settings.engagementWindow().toNanos() / 1000);
        Long deleted = deleteUs(post);
        return deleted == null ? end : Math.min(end, deleted - 1);
    }

    private static long micros(double seconds) {
        return Double.isInfinite(seconds) ? Long.MAX_VALUE / 2 : (long) Math.ceil(seconds * 1_000_000);
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
        return commit(
                did(post), timeUs, "create", COLLECTION, post.blueskyRkey(), record, "bafyreib" + post.blueskyRkey());
    }

    private static Map<String, Object> engagement(Post post, String collection, long n, long timeUs) {
        String rkey = post.blueskyRkey() + (LIKE.equals(collection) ? "l" : "r") + Long.toString(n, 32);
        String fan = "did:plc:onestorefan" + Long.toString(Math.floorMod(post.igId() * 31 + n, 1_000_000_007L), 32);
        Map<String, Object> record = Json.object(
                "$type", collection,
                "createdAt", Instant.ofEpochSecond(0, timeUs * 1000).toString(),
                "subject", Json.object("cid", "bafyreib" + post.blueskyRkey(), "uri", uri(post)));
        return commit(fan, timeUs, "create", collection, rkey, record, "bafyreic" + rkey);
    }

    private static Map<String, Object> delete(Post post, long timeUs) {
        return commit(did(post), timeUs, "delete", COLLECTION, post.blueskyRkey(), null, null);
    }

    /** A commit event; a create carries its record and the record's cid, a delete neither (its rev ends in d). */
    private static Map<String, Object> commit(
            String did,
            long timeUs,
            String operation,
            String collection,
            String rkey,
            Map<String, Object> record,
            String cid) {
        Map<String, Object> commit = Json.object(
                "rev", record == null ? rkey + "d" : rkey,
                "operation", operation,
                "collection", collection,
                "rkey", rkey);
        if (record != null) {
            commit.put("record", record);
            commit.put("cid", cid);
        }
        return Json.object("did", did, "time_us", timeUs, "kind", "commit", "commit", commit);
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
