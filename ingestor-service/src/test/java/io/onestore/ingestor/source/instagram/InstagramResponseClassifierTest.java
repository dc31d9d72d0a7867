package io.onestore.ingestor.source.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.model.json.ContractJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The signals the WireMock tests do not already drive end to end. */
class InstagramResponseClassifierTest {

    final InstagramResponseClassifier classifier = new InstagramResponseClassifier(
            ContractJson.mapper(), Clock.fixed(Instant.parse("2025-11-26T12:00:00Z"), ZoneOffset.UTC));

    FetchOutcome<JsonNode> classify(int status, HttpHeaders headers, String body) {
        return classifier.classify(status, headers, body);
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "Wed, 26 Nov 2025 12:05:00 GMT");

        assertThat(classify(429, headers, ""))
                .isInstanceOfSatisfying(FetchOutcome.RateLimited.class, limited -> assertThat(limited.retryAfter())
                        .isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void anUnreadableRetryAfterLeavesTheCooldownToThePool() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "soon");

        assertThat(classify(429, headers, ""))
                .isInstanceOfSatisfying(FetchOutcome.RateLimited.class, limited -> assertThat(limited.retryAfter())
                        .isNull());
    }

    @Test
    void anHtmlBodyWithoutContentTypeIsStillALoginWall() {
        assertThat(classify(200, new HttpHeaders(), "  <html><body>Log in</body></html>"))
                .isInstanceOf(FetchOutcome.LoginWall.class);
    }

    @Test
    void aServerErrorPageInHtmlIsTransientNotALoginWall() {
        assertThat(classify(502, new HttpHeaders(), "<html>Bad Gateway</html>"))
                .isInstanceOf(FetchOutcome.Transient.class);
    }

    @Test
    void anUnauthorisedAnswerWithoutPleaseWaitIsALoginWall() {
        assertThat(classify(401, new HttpHeaders(), "{\"message\":\"login_required\",\"status\":\"fail\"}"))
                .isInstanceOf(FetchOutcome.LoginWall.class);
    }

    @Test
    void aRedirectElsewhereIsNotALoginWall() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.LOCATION, "https://www.instagram.com/explore/tags/nike/");

        assertThat(classify(301, headers, "")).isInstanceOf(FetchOutcome.Transient.class);
    }

    /**
     * Issue 10: each upstream error by its documented meaning, from fixtures of the documented shapes. Instagram's
     * own server errors come from the Graph API as HTTP 400 with code -1 (subcode 2207001, "Try again") and its
     * timeouts with code -2: they are transient (retried, seen by the circuit breaker), not rejected.
     */
    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource({
        "400, graph/error-instagram-server-error.json, transient",
        "400, graph/error-instagram-timeout.json, transient",
        "500, graph/error-api-unknown.json, transient",
        "400, graph/error-api-unknown.json, transient",
        "503, graph/error-api-service.json, transient",
        "400, graph/error-transient-flag.json, transient",
        "400, graph/error-application-limit.json, rate_limited",
        "400, graph/error-rate-limit.json, rate_limited",
        "400, graph/error-invalid-parameter.json, rejected",
        "400, web/error-oops.json, transient",
        "400, web/error-feedback-required.json, please_wait",
        "404, web/error-not-found.json, rejected"
    })
    void upstreamErrorsAreClassifiedByTheirDocumentedMeaning(int status, String fixture, String outcome) {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);

        assertThat(classify(status, json, Fixtures.text(fixture)).label()).isEqualTo(outcome);
    }

    @Test
    void aGraphErrorWithoutACodeIsNotTakenForInstagramsServerError() {
        // The code used to be read with -1 as the default, so an error without one looked like code -1.
        assertThat(classify(400, new HttpHeaders(), "{\"error\":{\"message\":\"Unsupported get request\"}}"))
                .isInstanceOf(FetchOutcome.Rejected.class);
        assertThat(classify(400, new HttpHeaders(), "{\"error\":{\"message\":\"x\",\"code\":-1}}")
                        .reason())
                .isEqualTo("graph error code -1 (HTTP 400)");
    }

    @Test
    void graphTransientAndRequestErrors() {
        assertThat(classify(500, new HttpHeaders(), "{\"error\":{\"code\":2,\"is_transient\":true}}"))
                .isInstanceOf(FetchOutcome.Transient.class);
        assertThat(classify(400, new HttpHeaders(), "{\"error\":{\"code\":100,\"message\":\"Invalid parameter\"}}"))
                .isInstanceOf(FetchOutcome.Rejected.class);
    }

    @Test
    void anEmptyOkBodyIsMalformed() {
        assertThat(classify(200, new HttpHeaders(), ""))
                .isInstanceOfSatisfying(FetchOutcome.Malformed.class, m -> assertThat(m.rawBody())
                        .isEmpty());
    }

    @Test
    void reasonsNeverQuoteTheBody() {
        FetchOutcome<JsonNode> outcome =
                classify(400, new HttpHeaders(), "{\"error\":{\"code\":190,\"message\":\"token EAAsecret is bad\"}}");

        assertThat(outcome.reason()).doesNotContain("EAAsecret");
    }
}
