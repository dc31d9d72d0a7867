package io.onestore.simulator.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The AppView's XRPC reads: handle resolution, profiles in Bluesky's shape, the truth they agree with. */
class AppViewTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode get(String uri, int status) {
        // The first read of the world builds its hours, which takes seconds on a loaded machine.
        var answer = client.mutate()
                .responseTimeout(Duration.ofSeconds(60))
                .build()
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isEqualTo(status);
        if (uri.startsWith("/xrpc/")) {
            answer.expectHeader().exists("ratelimit-remaining");
        }
        byte[] body = answer.expectBody().returnResult().getResponseBody();
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHandleResolvesToTheDidItsProfileAndItsPostsCarry() {
        JsonNode truth = get("/__truth/bluesky/profiles/did:plc:onestore" + Long.toString(100_000 + 20, 32), 200);
        String did = truth.path("did").asText();
        String handle = truth.path("handle").asText();
        assertThat(handle).endsWith(".bsky.social").matches("[a-z0-9-]+\\.bsky\\.social");

        assertThat(get("/xrpc/com.atproto.identity.resolveHandle?handle=" + handle, 200)
                        .path("did")
                        .asText())
                .isEqualTo(did);
        JsonNode profile = get("/xrpc/app.bsky.actor.getProfile?actor=" + handle, 200);
        assertThat(profile.path("did").asText()).isEqualTo(did);
        assertThat(profile.path("handle").asText()).isEqualTo(handle);
        assertThat(profile.path("followersCount").asLong())
                .isEqualTo(truth.path("followers").asLong())
                .isPositive();
        assertThat(profile.path("followsCount").isIntegralNumber()).isTrue();
        assertThat(profile.path("postsCount").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(profile.path("displayName").asText()).isNotBlank();
        for (JsonNode post : truth.path("posts")) {
            assertThat(post.path("uri").asText()).startsWith("at://" + did + "/app.bsky.feed.post/");
        }
    }

    @Test
    void getProfilesAnswersTheKnownActorsAndLeavesTheUnknownOut() {
        String a = "did:plc:onestore" + Long.toString(100_000 + 30, 32);
        String b = "did:plc:onestore" + Long.toString(100_000 + 31, 32);
        JsonNode answer =
                get("/xrpc/app.bsky.actor.getProfiles?actors=" + a + "&actors=nobody.example.com&actors=" + b, 200);
        assertThat(answer.path("profiles").findValuesAsText("did")).containsExactly(a, b);
        assertThat(answer.at("/profiles/0/followersCount").asLong())
                .isEqualTo(get("/__truth/bluesky/profiles/" + a, 200)
                        .path("followers")
                        .asLong());
    }

    @Test
    void unknownActorsAndOversizedBatchesAreInvalidRequests() {
        JsonNode notFound = get("/xrpc/app.bsky.actor.getProfile?actor=nobody.example.com", 400);
        assertThat(notFound.path("error").asText()).isEqualTo("InvalidRequest");
        assertThat(notFound.path("message").asText()).isEqualTo("Profile not found");
        assertThat(get("/xrpc/com.atproto.identity.resolveHandle?handle=nobody.example.com", 400)
                        .path("message")
                        .asText())
                .isEqualTo("Unable to resolve handle");
        StringBuilder many = new StringBuilder("/xrpc/app.bsky.actor.getProfiles?actors=a.bsky.social");
        for (int i = 0; i < 25; i++) {
            many.append("&actors=a").append(i).append(".bsky.social");
        }
        assertThat(get(many.toString(), 400).path("error").asText()).isEqualTo("InvalidRequest");
    }
}
