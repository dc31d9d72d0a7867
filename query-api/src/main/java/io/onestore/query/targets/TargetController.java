package io.onestore.query.targets;

import io.onestore.model.document.TargetDocument;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.request.Bounds;
import io.onestore.query.request.TargetNames;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/targets")
@Tag(name = "targets", description = "What is watched, and how completely it is captured (docs/coverage.md)")
class TargetController {

    /** Campaign ids are generated (UUIDs); anything longer than this cannot be one. */
    static final int MAX_CAMPAIGN_ID_LENGTH = 100;

    private final TargetLedgerService service;
    private final QueryApiProperties.Limits limits;

    TargetController(TargetLedgerService service, QueryApiProperties properties) {
        this.service = service;
        this.limits = properties.limits();
    }

    @GetMapping
    @Operation(
            summary = "List targets with their coverage ledger: covered since, last capture, rate, next due, pages and"
                    + " calls spent, back-fill progress, the planner's shortfall; by kind then value",
            description = "spend[] shows what a metered upstream billed per target, one entry per platform, today and"
                    + " this month (UTC), against the ingestor's daily ceilings, as the ingestor recorded it (it trails"
                    + " the reads by a few seconds); empty where nothing metered was read. Each entry carries its"
                    + " platform's units only: x has postsToday, usersToday, countRequestsToday (and ...ThisMonth)"
                    + " against per-day and per-target ceilings; tiktok has requestsToday, recordsToday (and"
                    + " ...ThisMonth), the Research API requests sent and records returned for this target, against"
                    + " the research client's daily quotas (ceiling.requestsPerDay, ceiling.recordsPerDay), which all"
                    + " its targets share.")
    TargetPage list(
            @Parameter(schema = @Schema(allowableValues = {"hashtag", "profile"})) @RequestParam(required = false)
                    String kind,
            @Parameter(description = "only the targets this campaign needs (its id)") @RequestParam(required = false)
                    String campaign,
            @Parameter(
                            description = "only targets not fully covered on some platform: never captured, open gaps,"
                                    + " or the planner expects to miss posts (a profile's snapshot-only platforms,"
                                    + " X, do not count: its posts are not read there)")
                    @RequestParam(defaultValue = "false")
                    boolean underCovered,
            @Parameter(description = "page number from 0; (page + 1) * size at most 10000")
                    @RequestParam(defaultValue = "0")
                    int page,
            @Parameter(description = "targets per page, 1 to 100") @RequestParam(defaultValue = "50") int size)
            throws IOException {
        Bounds.check("size", size, 1, limits.maxPageSize());
        Bounds.check("page", page, 0, limits.maxResultWindow() / size - 1);
        return service.list(new TargetFilter(kind(kind), campaign(campaign), underCovered), page, size);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One target's coverage ledger and spend with its newest gaps (open and filled) and their reasons",
            description = "Open gaps are ranges capture has not read; later captures re-read the ones a feed can still"
                    + " page back to (page_budget, account_budget, upstream_failure, store_unavailable on the web and"
                    + " legacy feeds) and mark them filled, with closedAt. api_window gaps stay open. Only open gaps"
                    + " count against coverage (docs/coverage.md). spend[] is as in the list: X's posts, users and"
                    + " counts requests, TikTok's requests and records, today and this month against the ceilings.")
    TargetLedger get(
            @Parameter(description = "the target's id: hashtag:<tag> or profile:<handle>", example = "hashtag:nike")
                    @PathVariable
                    String id)
            throws IOException {
        return service.get(targetId(id));
    }

    /** {@code hashtag:Nike} and {@code hashtag:#nike} name {@code hashtag:nike}: ids are normalised as stored. */
    static String targetId(String raw) {
        int colon = raw.indexOf(':');
        if (colon <= 0) {
            throw new ApiException(
                    ProblemType.INVALID_PARAMETER, "'id' must be hashtag:<tag> or profile:<handle>, e.g. hashtag:nike");
        }
        TargetDocument.Kind kind = kind(raw.substring(0, colon));
        if (kind == null) {
            throw new ApiException(ProblemType.INVALID_PARAMETER, "the kind must be hashtag or profile");
        }
        String value = raw.substring(colon + 1);
        return TargetDocument.idOf(
                kind,
                kind == TargetDocument.Kind.HASHTAG ? TargetNames.hashtag(value) : TargetNames.handle(value, "id"));
    }

    private static TargetDocument.Kind kind(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip()) {
            case "hashtag" -> TargetDocument.Kind.HASHTAG;
            case "profile" -> TargetDocument.Kind.PROFILE;
            default -> throw new ApiException(ProblemType.INVALID_PARAMETER, "the kind must be hashtag or profile");
        };
    }

    private static String campaign(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String id = text.strip();
        if (id.length() > MAX_CAMPAIGN_ID_LENGTH) {
            throw new ApiException(
                    ProblemType.INVALID_PARAMETER,
                    "'campaign' may be at most " + MAX_CAMPAIGN_ID_LENGTH + " characters long");
        }
        return id;
    }
}
