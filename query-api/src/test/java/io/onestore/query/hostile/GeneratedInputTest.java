package io.onestore.query.hostile;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.Ledgers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Generated hostile input against the whole service and the real Elasticsearch: {@value #PER_OPERATION} seeded
 * requests per operation (bad dates, limits, encodings, bodies, headers, keys, mixed with valid ones). No answer may be
 * a 5xx; every error is a problem with one of our types; no key appears in the log; refused requests change no
 * stored target; and every status an operation answered is one its OpenAPI description lists.
 *
 * <p>The seed is fixed ({@code -Dgenerated.seed=} picks another); the run is bounded by {@link #DEADLINE} (10 minutes,
 * {@code -Dgenerated.deadline=PT2M}); over five minutes when 2 cores are shared with four other builds.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties =
                "onestore.security.api-keys=" + GeneratedInputTest.ADMIN + "," + GeneratedInputTest.READER + ":read")
@ExtendWith(OutputCaptureExtension.class)
class GeneratedInputTest {

    static final String ADMIN = "gen-admin-Zq8vW3kP";
    static final String READER = "gen-reader-Lm2xT9sQ";
    static final int PER_OPERATION = 1000;
    static final Duration DEADLINE = Duration.parse(System.getProperty("generated.deadline", "PT10M"));
    static final long SEED = Long.getLong("generated.seed", 20261130L);

    static ContractIndices es;

    @BeforeAll
    static void seedPosts() throws Exception {
        es = ContractIndices.install(GeneratedInputTest.class);
        Instant now = Instant.now();
        List<io.onestore.model.document.PostDocument> posts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            posts.add(post("g" + i)
                    .tags(i % 2 == 0 ? "nike" : "adidas", "run")
                    .author("a" + (i % 5), "author" + (i % 5))
                    .caption("post number " + i + " about running")
                    .sentiment((i % 7 - 3) / 4.0)
                    .likes(i)
                    .comments(i % 4)
                    .at(now.minus(Duration.ofHours(2L * i)).toString())
                    .build());
        }
        es.posts(posts);
        // A ledger with a gap, so the coverage blocks and the targets' views have something to measure.
        es.ledger(
                List.of(Ledgers.hashtag(
                        "nike",
                        now.minus(Duration.ofDays(5)).toString(),
                        now.minus(Duration.ofMinutes(1)).toString())),
                List.of(Ledgers.gap(
                        "nike",
                        now.minus(Duration.ofDays(2)).toString(),
                        now.minus(Duration.ofDays(2)).plus(Duration.ofHours(1)).toString(),
                        GapReason.PAGE_BUDGET)),
                List.of());
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        ContractIndices.serve(registry, () -> es);
    }

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();
    final Map<String, Set<Integer>> observed = new ConcurrentHashMap<>();
    final Set<String> created = ConcurrentHashMap.newKeySet();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @Test
    void hostileRequestsNeverGetA5xxLeakAKeyOrChangeTargets(CapturedOutput output) throws Exception {
        RawHttp http = new RawHttp(port);
        String existing = createCampaign(http);
        Map<String, String> targetsBefore = targets();

        Instant deadline = Instant.now().plus(DEADLINE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        List<Operation> operations = Operation.all();
        for (int o = 0; o < operations.size(); o++) {
            Operation operation = operations.get(o);
            Random random = new Random(SEED * 31 + o);
            runs.add(pool.submit(() -> {
                Generator generator = new Generator(random, existing);
                for (int i = 0; i < PER_OPERATION && Instant.now().isBefore(deadline); i++) {
                    Generator.Request request = generator.next(operation);
                    check(operation, request, send(http, request));
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        assertThat(Instant.now()).as("the run must finish within its deadline").isBefore(deadline);

        assertThat(failures).as("answers that broke a rule (first 20)").isEmpty();
        int total = observed.values().stream().mapToInt(Set::size).sum();
        assertThat(total).isPositive();
        assertThat(output.getAll()).doesNotContain(ADMIN).doesNotContain(READER);

        // Undo what valid creates did; then the targets must be exactly as before: refusals wrote nothing.
        for (String id : created) {
            int status = http.send("DELETE", "/api/v1/campaigns/" + id, null, null, "X-API-Key: " + ADMIN)
                    .status();
            assertThat(status).isIn(204, 404);
        }
        assertThat(targets()).isEqualTo(targetsBefore);

        assertDocumented(http);
    }

    private RawHttp.Answer send(RawHttp http, Generator.Request request) throws IOException {
        return http.exchange(request.head().getBytes(StandardCharsets.ISO_8859_1), request.body());
    }

    private void check(Operation operation, Generator.Request request, RawHttp.Answer answer) {
        observed.computeIfAbsent(operation.key(), k -> ConcurrentHashMap.newKeySet())
                .add(answer.status());
        String what = operation.key() + " " + answer.status() + " <- " + request.summary();
        if (answer.status() >= 500) {
            failures.add("5xx: " + what + " " + answer.body());
        }
        if (answer.body().contains(ADMIN) || answer.body().contains(READER)) {
            failures.add("key echoed: " + what);
        }
        if (answer.status() >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                failures.add("not a problem: " + what + " " + answer.contentType());
                return;
            }
            try {
                JsonNode problem = json.readTree(answer.body());
                if (!problem.path("type").asText().startsWith("https://onestore.io/problems/")
                        || problem.path("status").asInt() != answer.status()) {
                    failures.add("problem without our type or status: " + what + " " + answer.body());
                }
                String detail = problem.path("detail").asText();
                if (detail.contains("Exception") || detail.contains("elasticsearch") || detail.contains("at io.")) {
                    failures.add("internals in the detail: " + what + " " + detail);
                }
            } catch (IOException e) {
                failures.add("problem body not JSON: " + what);
            }
        } else if (answer.status() == 201) {
            created.add(answer.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        }
    }

    /** Every status an operation answered is one its OpenAPI description lists. */
    private void assertDocumented(RawHttp http) throws IOException {
        JsonNode docs = json.readTree(http.get("/v3/api-docs").body());
        Map<String, Set<String>> undocumented = new TreeMap<>();
        for (Operation operation : Operation.all()) {
            JsonNode responses = docs.path("paths")
                    .path(operation.path())
                    .path(operation.method().toLowerCase())
                    .path("responses");
            assertThat(responses.isMissingNode()).as(operation.key()).isFalse();
            for (int status : observed.getOrDefault(operation.key(), Set.of())) {
                if (!responses.has(Integer.toString(status))) {
                    undocumented
                            .computeIfAbsent(operation.key(), k -> new TreeSet<>())
                            .add(Integer.toString(status));
                }
            }
            // and every problem response is described as a problem
            responses.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                    assertThat(e.getValue().path("content").has("application/problem+json"))
                            .as(operation.key() + " " + e.getKey())
                            .isTrue();
                }
            });
        }
        assertThat(undocumented)
                .as("statuses answered but not in the OpenAPI description")
                .isEmpty();
    }

    private String createCampaign(RawHttp http) throws IOException {
        var answer = http.send(
                "POST",
                "/api/v1/campaigns",
                "application/json",
                "{\"name\":\"base\",\"hashtags\":[\"nike\",\"run\"],\"handles\":[\"author1\"]," + "\"start\":\""
                        + Instant.now().minus(Duration.ofDays(3)) + "\"}",
                "X-API-Key: " + ADMIN);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    /**
     * Every stored target with the campaigns it serves. Timestamps and platforms are left out: a valid create and
     * its delete touch them legitimately; an orphan or a stale campaign id shows here.
     */
    private Map<String, String> targets() throws IOException {
        es.client().indices().refresh(r -> r.index(es.names().targets()));
        var response = es.client().search(s -> s.index(es.names().targets()).size(1000), TargetDocument.class);
        Map<String, String> targets = new TreeMap<>();
        response.hits()
                .hits()
                .forEach(h -> targets.put(
                        h.id(), String.valueOf(new TreeSet<>(h.source().campaignIds()))));
        return targets;
    }
}
