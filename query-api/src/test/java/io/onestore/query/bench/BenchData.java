package io.onestore.query.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.Sentiment;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.model.metric.Engagement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The dataset of the API benchmarks ({@code bench/api-latency.sh}): simulator-shaped Instagram posts (caption, tags,
 * author, counters, sentiment and the verbatim upstream media as {@code raw}, as the ingestor stores them) spread
 * over the 28 days before {@link #END}, plus a tag snapshot of every brand tag every 5 minutes, two profile
 * snapshots of every author, and each brand tag's target with a coverage ledger that covers the 28 days. Post {@code i} is a function of {@code i} alone, so {@code --from 100000 --to
 * 1000000} grows a 100k index into the same 1M index a single load makes (the scale curve relies on that).
 *
 * <p>Not a test: a {@code main} the bench script runs on the test classpath. Bodies go to {@code _bulk} over two
 * connections with refresh off; the posts index is refreshed at the end.
 *
 * <pre>java … BenchData http://127.0.0.1:9250 --from 0 --to 1000000 [--snapshots] [--prefix onestore-]</pre>
 */
public final class BenchData {

    /** The end of the dataset's time range; the benchmark's windows are fixed against it, so reruns ask the same. */
    public static final Instant END = Instant.parse("2026-11-29T00:00:00Z");

    static final int DAYS = 28;
    static final Instant START = END.minus(Duration.ofDays(DAYS));
    static final List<String> BRANDS = List.of("nike", "adidas", "puma", "vans");
    private static final int[] BRAND_WEIGHTS = {40, 30, 20, 10};
    private static final int AUTHORS = 50_000;
    private static final int CHUNK = 4_000;
    private static final String[] WORDS = {
        "morning",
        "run",
        "new",
        "drop",
        "loving",
        "it",
        "street",
        "style",
        "fresh",
        "kicks",
        "weekend",
        "vibes",
        "city",
        "training",
        "day",
        "best",
        "ever",
        "not",
        "great",
        "sold",
        "out",
        "again",
        "love",
        "these",
        "colours",
        "comfy",
        "gym",
        "park",
        "summer",
        "rain",
        "late",
        "night",
        "finally",
        "got",
        "mine",
        "worst",
        "queue"
    };
    private static final String[] GENERIC_TAGS = {"run", "style", "sneakers", "ootd", "fitness", "streetwear"};

    private static final ObjectMapper JSON = ContractJson.mapper();

    private final IndexNames names;
    private final URI bulk;
    private final List<HttpClient> connections = List.of(HttpClient.newHttpClient(), HttpClient.newHttpClient());

    private BenchData(String url, IndexNames names) {
        this.bulk = URI.create(url + "/_bulk");
        this.names = names;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int from = 0;
        int to = 0;
        boolean snapshots = false;
        IndexNames names = IndexNames.defaults();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--from" -> from = Integer.parseInt(args[++i]);
                case "--to" -> to = Integer.parseInt(args[++i]);
                case "--snapshots" -> snapshots = true;
                case "--prefix" -> names = new IndexNames(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        RestClient rest = RestClient.builder(HttpHost.create(url)).build();
        try (var transport = new RestClientTransport(rest, ContractJson.jsonpMapper())) {
            ElasticsearchClient client = new ElasticsearchClient(transport);
            BenchData data = new BenchData(url, names);
            new IndexBootstrap(client, data.names).installAll();
            String posts = data.names.posts();
            client.indices().putSettings(s -> s.index(posts).settings(i -> i.refreshInterval(r -> r.time("-1"))));
            long start = System.nanoTime();
            data.load(from, to, snapshots);
            client.indices().putSettings(s -> s.index(posts).settings(i -> i.refreshInterval(r -> r.time("1s"))));
            client.indices().refresh(r -> r.index(data.names.prefix() + "*"));
            System.out.printf(
                    Locale.ROOT,
                    "loaded posts %d..%d%s in %.1f s%n",
                    from,
                    to,
                    snapshots ? " and the snapshots" : "",
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private void load(int from, int to, boolean snapshots) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(connections.size());
        try {
            List<Future<?>> pending = new ArrayList<>();
            int sent = 0;
            List<Object[]> documents = new ArrayList<>();
            for (int i = from; i < to; i++) {
                PostDocument post = post(i);
                ObjectNode tree = JSON.valueToTree(post);
                tree.set("raw", JSON.readTree(raw(i, post)));
                documents.add(new Object[] {names.posts(), post.id(), tree});
                if (documents.size() == CHUNK || i == to - 1) {
                    pending.add(send(workers, sent++, documents));
                    documents = new ArrayList<>();
                    trim(pending);
                }
            }
            if (snapshots) {
                for (String tag : BRANDS) {
                    for (Instant at = START; at.isBefore(END); at = at.plusSeconds(300)) {
                        TagSnapshotDocument snapshot = tagSnapshot(tag, at);
                        documents.add(
                                new Object[] {names.tagSnapshots(), snapshot.id(Duration.ofMinutes(5)), snapshot});
                    }
                }
                for (String tag : BRANDS) {
                    TargetDocument target = TargetDocument.watch(
                            TargetDocument.Kind.HASHTAG, tag, List.of(Platform.INSTAGRAM), List.of(), START);
                    documents.add(new Object[] {names.targets(), target.id(), target});
                    TargetCoverageDocument covered = coverage(target);
                    documents.add(new Object[] {names.targetCoverage(), covered.id(), covered});
                }
                for (int a = 0; a < AUTHORS; a++) {
                    for (Instant at : List.of(START, END.minus(Duration.ofHours(6)))) {
                        ProfileSnapshotDocument profile = profile(a, at);
                        documents.add(
                                new Object[] {names.profileSnapshots(), profile.id(Duration.ofMinutes(5)), profile});
                    }
                }
                for (int i = 0; i < documents.size(); i += CHUNK) {
                    pending.add(send(workers, sent++, documents.subList(i, Math.min(documents.size(), i + CHUNK))));
                    trim(pending);
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** At most four bodies in flight: two sending, two built. */
    private static void trim(List<Future<?>> pending) throws Exception {
        while (pending.size() > 4) {
            pending.remove(0).get();
        }
    }

    private Future<?> send(ExecutorService workers, int n, List<Object[]> documents) throws IOException {
        StringBuilder body = new StringBuilder(documents.size() * 1200);
        for (Object[] d : documents) {
            body.append("{\"index\":{\"_index\":\"")
                    .append(d[0])
                    .append("\",\"_id\":")
                    .append(JSON.writeValueAsString(d[1]))
                    .append("}}\n")
                    .append(JSON.writeValueAsString(d[2]))
                    .append('\n');
        }
        HttpClient connection = connections.get(n % connections.size());
        HttpRequest request = HttpRequest.newBuilder(bulk)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return workers.submit(() -> {
            HttpResponse<String> response = connection.send(request, HttpResponse.BodyHandlers.ofString());
            String head =
                    response.body().substring(0, Math.min(100, response.body().length()));
            if (response.statusCode() != 200 || !head.contains("\"errors\":false")) {
                throw new IllegalStateException("bulk refused: " + response.statusCode() + " "
                        + response.body()
                                .substring(0, Math.min(400, response.body().length())));
            }
            return null;
        });
    }

    /** Post {@code i}: its random stream is seeded by {@code i}, so every load makes the same post. */
    static PostDocument post(int i) {
        SplittableRandom random = new SplittableRandom(0x5eed_0000L + i);
        String brand = pick(random);
        int author = author(random);
        List<String> hashtags = new ArrayList<>(List.of(brand));
        hashtags.add(GENERIC_TAGS[random.nextInt(GENERIC_TAGS.length)]);
        if (random.nextInt(5) == 0) {
            hashtags.add(pick(random));
        }
        List<String> tags = hashtags.stream().distinct().toList();
        StringBuilder caption = new StringBuilder();
        for (int w = 6 + random.nextInt(12); w > 0; w--) {
            caption.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        tags.forEach(t -> caption.append('#').append(t).append(' '));
        Instant published = END.minusSeconds(1 + random.nextLong(DAYS * 86_400L));
        boolean hidden = random.nextInt(20) == 0;
        // Engagement is heavy-tailed: most posts get a few dozen likes, a few get thousands.
        Long likes = hidden ? null : (long) (Math.exp(random.nextDouble() * 8) * (1 + author % 3));
        Long comments = (long) random.nextInt(1 + (int) Math.min(400, likes == null ? 40 : likes / 10));
        Long followers = random.nextInt(5) == 0 ? 1_000L + (AUTHORS - author) * 37L : null;
        String nativeId = String.format(Locale.ROOT, "31%010d", i);
        return new PostDocument(
                Platform.INSTAGRAM,
                nativeId,
                "https://www.instagram.com/p/Bn" + nativeId + "/",
                new Author(Integer.toString(25_000_000 + author), "user_" + author, "User " + author, followers, false),
                caption.toString().strip(),
                tags,
                random.nextInt(4) == 0 ? List.of("friend" + random.nextInt(50)) : List.of(),
                List.of(brand),
                MediaType.PHOTO,
                published,
                published.plusSeconds(60),
                END,
                likes,
                comments,
                null,
                null,
                hidden,
                Engagement.of(likes, comments, null, hidden),
                Sentiment.of(Math.round((random.nextDouble() * 2 - 1) * 1000) / 1000.0),
                "instagram-web",
                null);
    }

    /** The upstream media as the simulator's web tag page carries it (what the ingestor keeps as {@code raw}). */
    private static String raw(int i, PostDocument post) throws IOException {
        String pk = post.nativeId();
        return "{\"taken_at\":" + post.publishedAt().getEpochSecond() + ",\"pk\":\"" + pk + "\",\"id\":\"" + pk + "_"
                + post.author().id() + "\",\"media_type\":1,\"code\":\"Bn" + pk + "\",\"caption\":{\"pk\":\"179" + pk
                + "\",\"text\":" + JSON.writeValueAsString(post.caption()) + ",\"created_at\":"
                + post.publishedAt().getEpochSecond() + "},\"like_count\":" + (post.likes() == null ? 0 : post.likes())
                + ",\"comment_count\":" + post.comments() + ",\"like_and_view_counts_disabled\":"
                + post.likesHidden() + ",\"user\":{\"pk\":\"" + post.author().id() + "\",\"username\":\""
                + post.author().username() + "\",\"full_name\":\""
                + post.author().fullName()
                + "\",\"is_verified\":false,\"is_private\":false},\"image_versions2\":{\"candidates\":[{\"width\":1080,"
                + "\"height\":1080,\"url\":\"https://scontent.cdninstagram.com/v/t51.2885-15/" + pk + "_" + i
                + "_n.jpg?stp=dst-jpg_e35&_nc_ht=scontent.cdninstagram.com\"},{\"width\":640,\"height\":640,\"url\":"
                + "\"https://scontent.cdninstagram.com/v/t51.2885-15/" + pk + "_s640.jpg\"}]}}";
    }

    private static String pick(SplittableRandom random) {
        int r = random.nextInt(100);
        for (int b = 0; b < BRANDS.size(); b++) {
            r -= BRAND_WEIGHTS[b];
            if (r < 0) {
                return BRANDS.get(b);
            }
        }
        return BRANDS.get(0);
    }

    /** Authors by a power law: author 0 posts most, the long tail once or twice a month. */
    private static int author(SplittableRandom random) {
        return (int) Math.min(AUTHORS - 1, Math.floor(Math.pow(random.nextDouble(), 3) * AUTHORS));
    }

    private static TagSnapshotDocument tagSnapshot(String tag, Instant at) {
        long minutes = Duration.between(END.minus(Duration.ofDays(DAYS)), at).toMinutes();
        long base = 1_000_000L * (BRANDS.indexOf(tag) + 1);
        return new TagSnapshotDocument(Platform.INSTAGRAM, tag, base + minutes * 3, 40, at, "instagram-web");
    }

    /** Captured from {@link #START} to {@link #END}, back-fill done: every window of the benchmark is covered. */
    private static TargetCoverageDocument coverage(TargetDocument target) {
        return new TargetCoverageDocument(
                target.id(),
                target.kind(),
                target.value(),
                Platform.INSTAGRAM,
                new TargetCoverageDocument.Mark(END.minusSeconds(30), null),
                START,
                new TargetCoverageDocument.Backfill(START, START, null, true, 200),
                1000.0,
                END,
                END.plusSeconds(60),
                60L,
                40_000,
                40_000,
                0,
                null,
                END);
    }

    private static ProfileSnapshotDocument profile(int author, Instant at) {
        long followers = 1_000L + (AUTHORS - author) * 37L + (at.isBefore(END.minus(Duration.ofDays(1))) ? 0 : 500);
        return new ProfileSnapshotDocument(
                Platform.INSTAGRAM,
                Integer.toString(25_000_000 + author),
                "user_" + author,
                "User " + author,
                followers,
                300L,
                120L,
                false,
                false,
                at,
                "instagram-web",
                null);
    }
}
