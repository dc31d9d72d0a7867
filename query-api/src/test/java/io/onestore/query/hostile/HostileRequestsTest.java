package io.onestore.query.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.TargetDocument;
import io.onestore.query.ContractIndices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The faults a generated-input run found, each with the request that showed it and its right answer, against the
 * whole service and the real Elasticsearch. Every error answer is checked to be {@code application/problem+json}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "onestore.security.api-keys=" + HostileRequestsTest.KEY)
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestsTest {

    static final String KEY = "hostile-admin-key-0123456789";
    static final String AUTH = "X-API-Key: " + KEY;
    static final String HUGE = "+999999999-12-31T23:59:59Z";
    static final List<String> WINDOWED = List.of(
            "/api/v1/insights/influencers?hashtags=nike",
            "/api/v1/insights/share-of-voice?hashtags=nike",
            "/api/v1/insights/sentiment?hashtags=nike",
            "/api/v1/insights/spikes?hashtags=nike",
            "/api/v1/tags/nike/trend?interval=1d",
            "/api/v1/tags/nike/volume?interval=1d",
            "/api/v1/posts?hashtag=nike");

    static ContractIndices es;

    @BeforeAll
    static void installContract() {
        es = ContractIndices.install(HostileRequestsTest.class);
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

    RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    // 1. A refused campaign leaves no target behind.
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"r\",\"hashtags\":[\"someting\"],\"start\":\"+10000-01-01T00:00:00Z\"}",
                "{\"name\":\"r\",\"hashtags\":[\"someting\"],\"start\":\"2026-01-01T00:00:00Z\","
                        + "\"end\":\"+10000-01-01T00:00:00Z\"}",
                "{\"name\":\"r\",\"hashtags\":[\"someting\"],\"start\":\"0001-01-01T00:00:00Z\"}"
            })
    void aCampaignOutsideTheAcceptedInstantsIsRefusedAndWritesNothing(String body) throws IOException {
        var answer = post(body);

        assertProblem(answer, 400, "invalid-body");
        assertThat(answer.body()).contains("must be an ISO-8601 instant").contains("2100-01-01T00:00:00Z");
        assertThat(target("hashtag:someting")).isNull();
    }

    // 2. Instants past what the store or Java can hold.
    @Test
    void everyWindowRefusesInstantsOutsideTheDocumentedRange() throws IOException {
        for (String endpoint : WINDOWED) {
            for (String name : List.of("from", "to")) {
                var answer = http.get(endpoint + "&" + name + "=" + HUGE.replace("+", "%2B"), AUTH);
                assertProblem(answer, 400, "invalid-time-window");
                assertThat(answer.body()).contains("'" + name + "' must lie between 1970-01-01T00:00:00Z");
            }
        }
    }

    // 3. Nulls in arrays, wrong types, unknown fields, duplicated keys, digit strings as instants.
    @Test
    void everyMalformedBodyFieldIsA400NamingTheField() throws IOException {
        assertBodyRefused(
                "{\"name\":\"r\",\"hashtags\":[\"a\"],\"platforms\":[\"instagram\",null],"
                        + "\"start\":\"2026-01-01T00:00:00Z\"}",
                "'platforms[1]'");
        assertBodyRefused(
                "{\"name\":\"r\",\"hashtags\":[\"a\",null],\"start\":\"2026-01-01T00:00:00Z\"}", "'hashtags[1]'");
        assertBodyRefused("{\"name\":\"r\",\"hashtags\":[\"a\"],\"start\":\"2026\"}", "'start'");
        assertBodyRefused("{\"name\":\"r\",\"hashtags\":[\"a\"],\"start\":1767225600}", "'start'");
        assertBodyRefused("{\"name\":5,\"hashtags\":[\"a\"],\"start\":\"2026-01-01T00:00:00Z\"}", "'name'");
        assertBodyRefused(
                "{\"name\":\"r\",\"hashtags\":[\"a\"],\"start\":\"2026-01-01T00:00:00Z\",\"baselineDays\":\"7\"}",
                "'baselineDays'");
        assertBodyRefused(
                "{\"name\":\"r\",\"hashtags\":[\"a\"],\"start\":\"2026-01-01T00:00:00Z\",\"owner\":\"x\"}", "'owner'");
        assertBodyRefused(
                "{\"name\":\"r\",\"name\":\"s\",\"hashtags\":[\"a\"],\"start\":\"2026-01-01T00:00:00Z\"}", "'name'");
        assertBodyRefused(
                "{\"name\":\"r\",\"hashtags\":[\"a\"],\"platforms\":[\"myspace\"],\"start\":\"2026-01-01T00:00:00Z\"}",
                "'platforms[0]'");
        assertThat(target("hashtag:a")).isNull();
    }

    // 4. Content types and Accept headers the API cannot serve.
    @Test
    void aWildcardContentTypeIs415AndAnUnservableAcceptIs406WithAProblemBody() throws IOException {
        var wildcard = http.send(
                "POST",
                "/api/v1/campaigns",
                "*/*",
                "{\"name\":\"r\",\"hashtags\":[\"a\"],\"start\":\"2026-01-01T00:00:00Z\"}",
                AUTH);
        assertProblem(wildcard, 415, "unsupported-media-type");
        var multipart = http.send(
                "POST",
                "/api/v1/campaigns",
                "multipart/form-data",
                "{\"name\":\"r\",\"hashtags\":[\"a\"],\"start\":\"2026-01-01T00:00:00Z\"}",
                AUTH);
        assertProblem(multipart, 415, "unsupported-media-type");
        assertProblem(
                http.send("GET", "/api/v1/campaigns", "multipart/form-data", "", AUTH), 415, "unsupported-media-type");

        var garbage = http.get("/api/v1/campaigns", AUTH, "Accept: garbage");
        assertProblem(garbage, 406, "not-acceptable");
        var xml = http.get("/api/v1/campaigns", AUTH, "Accept: application/xml");
        assertProblem(xml, 406, "not-acceptable");
        // refused before the campaign is written: no campaign the caller was told failed
        var csvCreate = http.send(
                "POST",
                "/api/v1/campaigns",
                "application/json",
                "{\"name\":\"r\",\"hashtags\":[\"csvonly\"],\"start\":\"2026-01-01T00:00:00Z\"}",
                AUTH,
                "Accept: text/csv");
        assertProblem(csvCreate, 406, "not-acceptable");
        assertThat(target("hashtag:csvonly")).isNull();
    }

    // 5. Names longer than the store's id limit.
    @Test
    void theLongestHashtagAndHandleAreAcceptedAndOneMoreCharacterIsNot() throws IOException {
        var accepted = post("{\"name\":\"long\",\"hashtags\":[\"" + "a".repeat(100) + "\"],\"handles\":[\""
                + "a".repeat(30) + "\"],\"start\":\"2026-01-01T00:00:00Z\"}");
        assertThat(accepted.status()).isEqualTo(201);

        var tag600 =
                post("{\"name\":\"r\",\"hashtags\":[\"" + "b".repeat(600) + "\"],\"start\":\"2026-01-01T00:00:00Z\"}");
        assertProblem(tag600, 400, "invalid-hashtag");
        assertThat(tag600.body()).contains("at most 100 characters");
        var tag101 =
                post("{\"name\":\"r\",\"hashtags\":[\"" + "b".repeat(101) + "\"],\"start\":\"2026-01-01T00:00:00Z\"}");
        assertProblem(tag101, 400, "invalid-hashtag");
        var handle31 =
                post("{\"name\":\"r\",\"handles\":[\"" + "b".repeat(31) + "\"],\"start\":\"2026-01-01T00:00:00Z\"}");
        assertProblem(handle31, 400, "invalid-parameter");
        assertProblem(http.get("/api/v1/insights/sentiment?hashtags=" + "c".repeat(600), AUTH), 400, "invalid-hashtag");
        assertThat(target("hashtag:" + "b".repeat(101))).isNull();
    }

    // 6. A filter the API cannot read is a 400, never a wider result.
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/posts?q=100%",
                "/api/v1/posts?hashtag=%zz",
                "/api/v1/posts?author=%zz",
                "/api/v1/insights/sentiment?hashtags=%E0%A4%A"
            })
    void anUndecodableFilterIsRefused(String target) throws IOException {
        assertProblem(http.get(target, AUTH), 400, "invalid-parameter");
    }

    // 7. No key in any log line, whatever the request does with it.
    @Test
    void aKeyEndingInANulByteIsRefusedAndNeverLogged(CapturedOutput output) throws IOException {
        byte[] head = ("GET /api/v1/campaigns HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY
                        + "\0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        var answer = http.exchange(head, new byte[0]);

        assertProblem(answer, 400, "malformed-request");
        assertProblem(http.get("/api/v1/campaigns", "X-API-Key: " + KEY + "x"), 401, "unauthorized");
        assertThat(output.getAll()).doesNotContain(KEY);
    }

    // 8. Errors Tomcat answers before Spring.
    @Test
    void requestsTomcatRefusesAreAnsweredAsProblems() throws IOException {
        assertProblem(http.get("/api/v1/campaigns/a%2Fb", AUTH), 400, "malformed-request");
        assertProblem(http.get("/api/v1/campaigns/a%00b", AUTH), 400, "malformed-request");
        assertProblem(http.get("/api/v1/posts?q=" + "a".repeat(9000), AUTH), 400, "malformed-request");
        assertProblem(http.get("/api/v1/campaigns", AUTH, "Bad Header: v"), 400, "malformed-request");
        assertProblem(http.get("/api/v1/campaigns", AUTH, "X-Broken"), 400, "malformed-request");
    }

    // 9. Forwarded headers count only from the configured proxies; the query string never reaches Location.
    @Test
    void locationIgnoresAnUntrustedForwardedHostAndTheQueryString() throws IOException {
        var answer = http.send(
                "POST",
                "/api/v1/campaigns?next=http://evil.example/",
                "application/json",
                "{\"name\":\"f\",\"hashtags\":[\"forwarded\"],\"start\":\"2026-01-01T00:00:00Z\"}",
                AUTH,
                "X-Forwarded-Host: evil.example",
                "X-Forwarded-Proto: https",
                "Forwarded: host=evil.example");

        assertThat(answer.status()).isEqualTo(201);
        String id = answer.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(answer.header("location")).isEqualTo("http://127.0.0.1:" + port + "/api/v1/campaigns/" + id);
    }

    // 11. A campaign reaching back to the earliest accepted instant still has a report by default.
    @Test
    void aLongCampaignsReportDefaultsToAnIntervalThatFits() throws IOException {
        var created = post("{\"name\":\"old\",\"hashtags\":[\"vintage\"],\"start\":\"1970-01-08T00:00:00Z\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        var report = http.get("/api/v1/campaigns/" + id + "/report", AUTH);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("\"interval\":\"30d\"");
        assertProblem(http.get("/api/v1/campaigns/" + id + "/report?interval=1h", AUTH), 400, "too-many-buckets");
    }

    // Friendlier: an insight without from/to answers for the last 7 days up to now.
    @Test
    void anInsightWithoutAWindowAnswersForTheLastSevenDays() throws IOException {
        Instant before = Instant.now();
        var answer = http.get("/api/v1/insights/sentiment?hashtags=nike", AUTH);

        assertThat(answer.status()).isEqualTo(200);
        Instant from = Instant.parse(answer.body().replaceAll(".*\"from\":\"([^\"]+)\".*", "$1"));
        Instant to = Instant.parse(answer.body().replaceAll(".*\"to\":\"([^\"]+)\".*", "$1"));
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(7));
        assertThat(to).isBetween(before, Instant.now());
    }

    private RawHttp.Answer post(String body) throws IOException {
        return http.send("POST", "/api/v1/campaigns", "application/json", body, AUTH);
    }

    private void assertBodyRefused(String body, String field) throws IOException {
        var answer = post(body);
        assertProblem(answer, 400, "invalid-body");
        assertThat(answer.body()).contains(field);
    }

    static void assertProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://onestore.io/problems/" + type + "\"");
    }

    private static TargetDocument target(String id) throws IOException {
        var response = es.client().get(g -> g.index(es.names().targets()).id(id), TargetDocument.class);
        return response.found() ? response.source() : null;
    }
}
