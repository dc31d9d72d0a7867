package io.onestore.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.onestore.query.ContractIndices;
import io.onestore.query.insight.sentiment.SentimentService;
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

    @BeforeAll
    static void captureARealRefusal() {
        es = ContractIndices.install(StoreRejectionTest.class);
        refused = assertThrows(ElasticsearchException.class, () -> es.client()
                .search(s -> s.index(es.names().posts()).from(-1), Void.class));
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Autowired
    MockMvc http;

    @Autowired
    SentimentService sentiment;

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
}
