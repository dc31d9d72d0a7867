package io.onestore.query.campaign;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import io.onestore.query.web.WebSliceTest;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebSliceTest
class CampaignControllerTest {

    static final String BODY =
            """
            {"name": "Just do it", "hashtags": ["nike"], "handles": ["nike"], "start": "2026-10-10T00:00:00Z"}
            """;
    static final CampaignResponse CREATED = new CampaignResponse(
            "c1",
            "Just do it",
            List.of("nike"),
            List.of("nike"),
            List.of("instagram"),
            Instant.parse("2026-10-10T00:00:00Z"),
            null,
            7,
            7,
            Instant.parse("2026-10-01T00:00:00Z"));

    @Autowired
    MockMvc http;

    @Autowired
    CampaignService campaigns;

    @Autowired
    CampaignReportService reports;

    @Test
    void createAnswers201WithLocationAndCamelCase() throws Exception {
        when(campaigns.create(any())).thenReturn(CREATED);

        http.perform(post("/api/v1/campaigns")
                        .header("X-API-Key", WebSliceTest.WRITE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/v1/campaigns/c1"))
                .andExpect(jsonPath("$.baselineDays").value(7))
                .andExpect(jsonPath("$.createdAt").value("2026-10-01T00:00:00Z"));
    }

    @Test
    void withoutAKeyIs401AsProblem() throws Exception {
        http.perform(get("/api/v1/campaigns"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/unauthorized"));
        http.perform(get("/api/v1/campaigns").header("X-API-Key", "reader-kez"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string(not(containsString("reader-kez"))));
    }

    @Test
    void aReadKeyCannotCreateOrDelete() throws Exception {
        http.perform(post("/api/v1/campaigns")
                        .header("X-API-Key", WebSliceTest.READ)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/forbidden"));
        http.perform(delete("/api/v1/campaigns/c1").header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isForbidden());
        verify(campaigns, never()).create(any());
        verify(campaigns, never()).delete(any());
    }

    @Test
    void aWriteOnlyKeyCannotRead() throws Exception {
        http.perform(get("/api/v1/campaigns").header("X-API-Key", WebSliceTest.WRITE))
                .andExpect(status().isForbidden());
    }

    @Test
    void aKeyWithoutScopeReadsAndWrites() throws Exception {
        when(campaigns.list(50)).thenReturn(List.of(CREATED));
        http.perform(get("/api/v1/campaigns").header("X-API-Key", WebSliceTest.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("c1"));
        http.perform(delete("/api/v1/campaigns/c1").header("X-API-Key", WebSliceTest.ADMIN))
                .andExpect(status().isNoContent());
    }

    @Test
    void anInvalidBodyIs400() throws Exception {
        http.perform(post("/api/v1/campaigns")
                        .header("X-API-Key", WebSliceTest.WRITE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hashtags\": [\"nike\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/invalid-body"))
                .andExpect(jsonPath("$.detail", containsString("'name'")));
        http.perform(post("/api/v1/campaigns")
                        .header("X-API-Key", WebSliceTest.WRITE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"start\": \"yesterday\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/invalid-body"));
    }

    @Test
    void anUnknownCampaignIs404() throws Exception {
        when(campaigns.get("nope")).thenThrow(new CampaignNotFoundException("nope"));
        when(reports.report(eq("nope"), any())).thenThrow(new CampaignNotFoundException("nope"));

        http.perform(get("/api/v1/campaigns/nope").header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/campaign-not-found"));
        http.perform(get("/api/v1/campaigns/nope/report").header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isNotFound());
        http.perform(get("/api/v1/campaigns/nope/report")
                        .header("X-API-Key", WebSliceTest.READ)
                        .accept("text/csv"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/campaign-not-found"));
    }

    @Test
    void anUnknownIntervalIs400() throws Exception {
        http.perform(get("/api/v1/campaigns/c1/report?interval=1fortnight").header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/unknown-interval"));
    }

    @Test
    void elasticsearchDownIs503WithRetryAfterAndNoLeak() throws Exception {
        when(campaigns.list(50)).thenThrow(new ConnectException("Connection refused: es-internal-7:9200"));
        doThrow(new ElasticsearchException("delete", ErrorResponse.of(e -> e.status(404)
                        .error(ErrorCause.of(c ->
                                c.type("index_not_found_exception").reason("no such index [onestore-campaigns]"))))))
                .when(campaigns)
                .delete("c1");

        http.perform(get("/api/v1/campaigns").header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/store-unavailable"))
                .andExpect(content().string(not(containsString("es-internal"))));
        http.perform(delete("/api/v1/campaigns/c1").header("X-API-Key", WebSliceTest.WRITE))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.type").value("https://onestore.io/problems/contract-not-installed"))
                .andExpect(content().string(not(containsString("onestore-campaigns"))));
    }

    @Test
    void theReportTimelineIsAvailableAsCsvWithTheJsonColumnNames() throws Exception {
        var report = new CampaignReport(
                CREATED,
                "1d",
                Instant.parse("2026-10-03T00:00:00Z"),
                Instant.parse("2026-10-04T00:00:00Z"),
                new CampaignReport.Totals(1, 1, 2, 3, 5, 0, 0),
                List.of(new CampaignReport.TimelineBucket(Instant.parse("2026-10-03T00:00:00Z"), 1, 1, 2, 3, 5, 4, 2)),
                new CampaignReport.Phases(null, null, null),
                new CampaignReport.Uplift(null, null, null, null),
                null,
                null);
        when(reports.report(eq("c1"), any())).thenReturn(report);

        http.perform(get("/api/v1/campaigns/c1/report")
                        .header("X-API-Key", WebSliceTest.READ)
                        .accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                // written out, not taken from the production constant: the header is part of the contract
                .andExpect(content()
                        .string("start,posts,uniqueAuthors,likes,comments,engagement,postsWithUnknownLikes,"
                                + "postsWithUnknownEngagement\r\n"
                                + "2026-10-03T00:00:00Z,1,1,2,3,5,4,2\r\n"));
        http.perform(get("/api/v1/campaigns/c1/report").header("X-API-Key", WebSliceTest.READ))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totals.uniqueAuthors").value(1))
                .andExpect(jsonPath("$.timeline[0].start").value("2026-10-03T00:00:00Z"))
                .andExpect(jsonPath("$.timeline[0].uniqueAuthors").value(1))
                .andExpect(jsonPath("$.timeline[0].postsWithUnknownLikes").value(4))
                .andExpect(jsonPath("$.timeline[0].postsWithUnknownEngagement").value(2));
    }
}
