package io.onestore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.process.JavaService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real nginx with the repository's nginx.conf in front of two real query-api processes on the real
 * Elasticsearch: what is proxied and what is not, a replica killed in the middle of a steady stream of requests,
 * the body limit and the rate limit. The methods run in order: the kill leaves one replica for the last two.
 */
@TestMethodOrder(OrderAnnotation.class)
class NginxFailoverTest {

    private static final Logger log = LoggerFactory.getLogger(NginxFailoverTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";

    private static JavaService replicaA;
    private static JavaService replicaB;
    private static NginxProcess nginx;
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @BeforeAll
    static void startStack() throws Exception {
        Path nginxBinary = Binaries.require("nginx", "nginx");
        String elasticsearch = ElasticsearchTestServer.global().url();
        String prefix = ElasticsearchTestServer.indexPrefix(NginxFailoverTest.class);
        // The contract, as the ingestor installs it: creating a campaign writes to its indices.
        new IndexBootstrap(
                        ElasticsearchTestServer.global().newClient(ContractJson.configure(new ObjectMapper())),
                        new IndexNames(prefix))
                .installAll();
        Map<String, String> environment = Map.of(
                "SPRING_ELASTICSEARCH_URIS",
                elasticsearch,
                "ONESTORE_INDEX_PREFIX",
                prefix,
                "ONESTORE_API_KEYS",
                "stack-test-key",
                // As compose runs them: nginx is a trusted proxy, so its X-Forwarded-* headers build the links.
                "ONESTORE_TRUSTED_PROXIES",
                "127\\.0\\.0\\.1");
        Path logs = Path.of(System.getProperty("onestore.stack.logs", "target/stack-logs"));
        replicaA = JavaService.start("query-api-a", "query-api", environment, logs);
        replicaB = JavaService.start("query-api-b", "query-api", environment, logs);
        replicaA.awaitHealthy(Duration.ofSeconds(180));
        replicaB.awaitHealthy(Duration.ofSeconds(180));
        nginx = NginxProcess.start(nginxBinary, replicaA.hostPort(), replicaB.hostPort());
    }

    @AfterAll
    static void stopStack() throws IOException {
        if (nginx != null) {
            nginx.close();
        }
        for (JavaService replica : new JavaService[] {replicaA, replicaB}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    @Order(1)
    void onlyTheApiItsDocsAndHealthAreProxiedNeverElasticsearch() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(get("/v3/api-docs").statusCode()).isEqualTo(200);

        for (String closed : List.of(
                "/_cluster/health",
                "/onestore-posts/_search",
                "/_cat/indices",
                "/actuator/env",
                "/actuator/prometheus",
                "/")) {
            HttpResponse<String> response = get(closed);
            assertThat(response.statusCode()).as(closed).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(closed).hasValue(PROBLEM_JSON);
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    @Order(1)
    void aCreatedCampaignsLocationIsWhereTheClientConnectedPortIncludedWhateverForwardedHeadersItSends()
            throws Exception {
        String body = "{\"name\":\"Through nginx\",\"hashtags\":[\"nginxport\"],\"start\":\"2026-11-01T00:00:00Z\"}";
        HttpResponse<String> plain = http.send(create(body).build(), HttpResponse.BodyHandlers.ofString());
        // A client that forges the headers the replicas build links from must not move the link elsewhere.
        HttpResponse<String> forged = http.send(
                create(body)
                        .header("X-Forwarded-Host", "evil.example")
                        .header("X-Forwarded-Port", "6666")
                        .header("Forwarded", "host=evil.example;proto=https")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> created : List.of(plain, forged)) {
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).path("id").asText();
            // nginx listens on a random port here, as compose publishes it on ONESTORE_HTTP_PORT: it must survive.
            assertThat(created.headers().firstValue("Location")).hasValue(nginx.baseUrl() + "/api/v1/campaigns/" + id);
        }
    }

    private static HttpRequest.Builder create(String body) {
        return HttpRequest.newBuilder(URI.create(nginx.baseUrl() + "/api/v1/campaigns"))
                .timeout(Duration.ofSeconds(10))
                .header("X-API-Key", "stack-test-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    @Order(2)
    void killingAReplicaMidStreamFailsAtMostTheRequestsInFlight() throws Exception {
        int workers = 3;
        Duration period = Duration.ofMillis(200); // 3 workers x 5/s = 15 requests/s, under the 20/s rate limit
        Duration length = Duration.ofSeconds(4);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();

        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<CompletableFuture<Void>> streams = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long offset = period.toNanos() * w / workers;
            streams.add(CompletableFuture.runAsync(
                    () -> stream(start + offset, end, period, started, finished, statuses), pool));
        }
        pause(Duration.ofMillis(1500));
        // In flight at the kill: every request started before the kill returned and not finished before it began.
        int finishedBeforeKill = finished.get();
        replicaA.kill();
        int inFlightAtKill = started.get() - finishedBeforeKill;
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        pool.shutdown();

        long failed = statuses.stream().filter(status -> status != 200).count();
        List<JsonNode> proxied = nginx.accessLog().stream()
                .filter(entry -> entry.path("uri").asText().equals("/actuator/health"))
                .toList();
        long retried = proxied.stream()
                .filter(entry -> entry.path("upstream").asText().contains(","))
                .count();
        log.info(
                "nginx failover: {} requests in {} s, replica {} killed after {} answers with {} in flight; {} failed,"
                        + " {} retried on the other replica by nginx",
                statuses.size(),
                length.toSeconds(),
                replicaA.hostPort(),
                finishedBeforeKill,
                inFlightAtKill,
                failed,
                retried);

        assertThat(statuses.size()).isGreaterThanOrEqualTo(40);
        assertThat(failed).isLessThanOrEqualTo(inFlightAtKill);
        // Before the kill both replicas served; the last requests all went to the survivor.
        assertThat(proxied).anyMatch(entry -> servedBy(entry).equals(replicaA.hostPort()));
        assertThat(proxied).anyMatch(entry -> servedBy(entry).equals(replicaB.hostPort()));
        assertThat(proxied.subList(proxied.size() - 10, proxied.size()))
                .allMatch(entry -> servedBy(entry).equals(replicaB.hostPort()));
        // The access log carries the upstream timing of every proxied request.
        assertThat(proxied).allSatisfy(entry -> assertThat(
                        entry.path("upstream_response_time").asText())
                .matches("[0-9.]+(, [0-9.]+)*"));
    }

    @Test
    @Order(3)
    void anOversizedBodyIsRefusedBeforeItReachesAReplica() throws Exception {
        // A raw request that announces 2 MB: nginx answers from the headers alone, no body needs to be sent.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), nginx.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 2000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // nginx keeps the connection open for a while to drain the announced body: read the answer, not to EOF.
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413 ").contains("Content-Type: " + PROBLEM_JSON);
            JsonNode problem = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("status").asInt()).isEqualTo(413);
        }
    }

    @Test
    @Order(4)
    void aClientOverTheRateLimitGets429AsProblemJson() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> getUnchecked("/actuator/health"), pool));
        }
        List<HttpResponse<String>> responses =
                burst.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        List<HttpResponse<String>> limited =
                responses.stream().filter(r -> r.statusCode() == 429).toList();
        log.info("nginx rate limit: {} of {} burst requests answered 429", limited.size(), responses.size());
        assertThat(limited).isNotEmpty();
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
        for (HttpResponse<String> response : limited) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(429);
            assertThat(problem.path("title").asText()).isEqualTo("Too Many Requests");
            assertThat(problem.path("type").asText()).isNotBlank();
        }
    }

    private static void stream(
            long first,
            long end,
            Duration period,
            AtomicInteger started,
            AtomicInteger finished,
            Queue<Integer> statuses) {
        long next = first;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                pause(Duration.ofNanos(wait));
            }
            started.incrementAndGet();
            int status;
            try {
                status = http.send(request("/actuator/health"), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            statuses.add(status);
            finished.incrementAndGet();
            // Never catch up after a stall with a burst: the stream stays under the rate limit on a slow machine.
            next = Math.max(next + period.toNanos(), System.nanoTime());
        }
    }

    /** One HTTP/1.1 response with a Content-Length body, read byte by byte (it is small). */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)Content-Length: (\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    /** The replica that gave the final answer: the last of nginx's {@code $upstream_addr} list. */
    private static String servedBy(JsonNode entry) {
        String[] tried = entry.path("upstream").asText().split(", ");
        return tried[tried.length - 1];
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(nginx.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> getUnchecked(String path) {
        try {
            return get(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Paces the request streams and the kill; pacing, not waiting for a condition. */
    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
