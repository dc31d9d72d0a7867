package io.onestore.ingestor.source.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.model.json.ContractJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

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
