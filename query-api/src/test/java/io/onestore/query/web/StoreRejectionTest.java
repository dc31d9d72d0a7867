package io.onestore.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import io.onestore.query.ContractIndices;
import io.onestore.query.insight.sentiment.SentimentService;
import io.onestore.query.insight.tagtrend.TagTrendService;
import io.onestore.query.request.TimeWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A 400 from Elasticsearch means we built a bad request: a 500 ("our fault"), never "503, retry in 30 s". The
 * exception is the real server's answer to a malformed query, handed to the web layer by the mocked service.
 */
@WebSliceTest
class StoreRejectionTest {

    static ContractIndices es;
    static ElasticsearchException refused;
    static StoreRejectedException refusedInMultiSearch;

    @BeforeAll
    static void captureARealRefusal() {
        es = ContractIndices.install(StoreRejectionTest.class);
        refused = assertThrows(ElasticsearchException.class, () -> es.client()
                .search(s -> s.index(es.names().posts()).from(-1), Void.class));
        // An answer's own search refused inside the coverage block's _msearch (a sort on a text field): the
        // multi-search
        // answers 200, the item carries the 400.
        refusedInMultiSearch = assertThrows(StoreRejectedException.class, () -> es.coverage(Clock.systemUTC())
                .loadWith(
                        RequestItem.of(i -> i.header(h -> h.index(es.names().posts()))
                                .body(b -> b.sort(o -> o.field(f -> f.field("caption"))))),
                        List.of("hashtag:nike"),
                        null,
                        new TimeWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-08T00:00:00Z"))));
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Autowired
    MockMvc http;

    @Autowired
    SentimentService sentiment;

    @Autowired
    TagTrendService trend;

    @Test
    void aQueryTheStoreRefusesIsAnInternalErrorWithoutRetryAfter() throws Exception {
        assertThat(refused.status()).isEqualTo(400);
        when(sentiment.compute(any(), any(), any())).thenThrow(refused);

        http.perform(get("/api/v1/insights/sentiment?hashtags=nike").header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/internal"))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred."));
    }

    @Test
    void aSearchRefusedInsideTheMultiSearchIsAnInternalErrorWithoutElasticsearchsText() throws Exception {
        when(trend.trend(any(), any(), any(), any())).thenThrow(refusedInMultiSearch);

        http.perform(get("/api/v1/tags/nike/trend").header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/internal"))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred."))
                .andExpect(content().string(not(containsString("caption"))))
                .andExpect(content().string(not(containsString("fielddata"))));
    }
}
