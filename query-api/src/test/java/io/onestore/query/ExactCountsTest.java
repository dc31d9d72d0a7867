package io.onestore.query;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.model.document.PostDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Counts past Elasticsearch's default of 10,000 tracked hits: 12,001 labelled posts of #many in one day (one every
 * 7 seconds, three authors), and every count the API shows for them is 12,001, not 10,000.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "onestore.security.api-keys=counts-key")
class ExactCountsTest {

    static final int POSTS = 12_001;
    static final Instant DAY = Instant.parse("2026-10-01T00:00:00Z");
    static final String WINDOW = "from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z";

    static ContractIndices es;

    @BeforeAll
    static void indexManyPosts() throws Exception {
        es = ContractIndices.install(ExactCountsTest.class);
        List<PostDocument> batch = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            batch.add(post("m" + i)
                    .tags("many")
                    .author("a" + (i % 3), "author" + (i % 3))
                    .caption("post " + i)
                    .sentiment(i % 2 == 0 ? 0.5 : -0.5)
                    .likes(1)
                    .at(DAY.plusSeconds(7L * i).toString())
                    .build());
            if (batch.size() == 4000) {
                es.posts(batch);
                batch.clear();
            }
        }
        es.posts(batch);
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        ContractIndices.serve(registry, () -> es);
    }

    @Autowired
    TestRestTemplate http;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void sentimentCountsEveryLabelledPost() throws Exception {
        JsonNode answer = get("/api/v1/insights/sentiment?hashtags=many&interval=1d&" + WINDOW);

        assertThat(answer.at("/overall/posts").asLong()).isEqualTo(POSTS);
        assertThat(answer.at("/overall/positive").asLong()).isEqualTo(6001);
        assertThat(answer.at("/overall/negative").asLong()).isEqualTo(6000);
        assertThat(answer.at("/buckets/0/posts").asLong()).isEqualTo(POSTS);
    }

    @Test
    void searchShareOfVoiceAndInfluencersCountEveryPost() throws Exception {
        assertThat(get("/api/v1/posts?hashtag=many&size=1&" + WINDOW)
                        .at("/total")
                        .asLong())
                .isEqualTo(POSTS);
        assertThat(get("/api/v1/insights/share-of-voice?hashtags=many&" + WINDOW)
                        .at("/hashtags/0/value")
                        .asLong())
                .isEqualTo(POSTS);
        JsonNode influencers = get("/api/v1/insights/influencers?hashtags=many&" + WINDOW);
        long posts = 0;
        for (JsonNode author : influencers.at("/influencers")) {
            posts += author.at("/posts").asLong();
        }
        assertThat(posts).isEqualTo(POSTS);
    }

    @Test
    void aCampaignReportCountsEveryPost() throws Exception {
        HttpHeaders headers = headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"name\":\"many\",\"hashtags\":[\"many\"],\"start\":\"2026-10-01T00:00:00Z\","
                + "\"end\":\"2026-10-02T00:00:00Z\",\"baselineDays\":0,\"afterDays\":0}";
        var created =
                http.exchange("/api/v1/campaigns", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);

        JsonNode report = get(created.getHeaders().getLocation().getPath() + "/report?interval=1d");

        assertThat(report.at("/totals/posts").asLong()).isEqualTo(POSTS);
        assertThat(report.at("/totals/likes").asLong()).isEqualTo(POSTS);
        assertThat(report.at("/totals/uniqueAuthors").asLong()).isEqualTo(3);
        assertThat(report.at("/phases/during/totals/posts").asLong()).isEqualTo(POSTS);
        assertThat(report.at("/timeline/0/posts").asLong()).isEqualTo(POSTS);
    }

    private JsonNode get(String path) throws Exception {
        var response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", "counts-key");
        return headers;
    }
}
