package io.onestore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Same seed and same simulated time → byte-identical responses, across two independently started simulators (the
 * shared test context with its hand-moved clock, and a second one pinned with {@code fixed-time}).
 */
class DeterminismTest extends SimulatorTestBase {

    private static final List<String> URIS = List.of(
            "/explore/tags/nike/?__a=1",
            "/explore/tags/puma/?__a=1&max_id=cDQwMzg5MzQ0NTc5ODg2Nzc2Mzk",
            "/nike/?__a=1",
            "/api/v1/tags/web_info/?tag_name=adidas",
            "/api/v1/tags/web_info/?tag_name=%E3%82%B9%E3%83%8B%E3%83%BC%E3%82%AB%E3%83%BC",
            "/ig_hashtag_search?user_id=1&q=vans",
            "/v21.0/17841154198513101/top_media?user_id=1&fields=id,caption,like_count,comments_count,timestamp",
            "/2/tweets/search/recent?query=%23vans&tweet.fields=public_metrics,created_at&expansions=author_id",
            "/2/tweets/counts/recent?query=%23nike",
            "/__truth/tags/vans?from=2026-03-09T00:00:00Z",
            "/__truth/profiles/puma");

    private static ConfigurableApplicationContext twin;
    private static ConfigurableApplicationContext otherSeed;

    @BeforeAll
    static void startTwins() {
        twin = start("onestore.simulator.seed=7");
        otherSeed = start("onestore.simulator.seed=8");
    }

    private static ConfigurableApplicationContext start(String seed) {
        return new SpringApplicationBuilder(SimulatorApplication.class)
                .web(WebApplicationType.REACTIVE)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--" + seed,
                        "--onestore.simulator.world.authors=1500",
                        "--onestore.simulator.fixed-time=" + START);
    }

    @AfterAll
    static void stopTwins() {
        twin.close();
        otherSeed.close();
    }

    private static byte[] body(WebTestClient client, String uri) {
        return client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
    }

    @Test
    void sameSeedAndTimeGiveByteIdenticalResponses() {
        WebTestClient twinClient =
                verbatim(WebTestClient.bindToApplicationContext(twin).build());
        for (String uri : URIS) {
            byte[] ours = body(client, uri);
            assertThat(body(twinClient, uri)).as(uri).isEqualTo(ours);
            assertThat(body(client, uri)).as(uri + " asked twice").isEqualTo(ours);
        }
    }

    @Test
    void anotherSeedGivesAnotherWorld() {
        WebTestClient otherClient =
                WebTestClient.bindToApplicationContext(otherSeed).build();
        assertThat(body(otherClient, "/explore/tags/nike/?__a=1"))
                .isNotEqualTo(body(client, "/explore/tags/nike/?__a=1"));
    }
}
