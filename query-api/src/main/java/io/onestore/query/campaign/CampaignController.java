package io.onestore.query.campaign;

import io.onestore.query.request.Interval;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "campaigns", description = "Campaigns to track, and their reports")
class CampaignController {

    static final String TEXT_CSV = "text/csv";

    private final CampaignService campaigns;
    private final CampaignReportService reports;

    CampaignController(CampaignService campaigns, CampaignReportService reports) {
        this.campaigns = campaigns;
        this.reports = reports;
    }

    // produces: an Accept this cannot serve is refused before the campaign is written, not after (a 406 for a create
    // that happened would leave a campaign the caller was told failed)
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create a campaign; its hashtags and handles become targets the ingestor watches (write scope)")
    ResponseEntity<CampaignResponse> create(@Valid @RequestBody CampaignRequest request) throws IOException {
        CampaignResponse created = campaigns.create(request);
        // From the context path, not the request: the query string never reaches Location, and forwarded host
        // headers count only from the trusted proxies (server.tomcat.remoteip).
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/campaigns/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    @Operation(summary = "List campaigns, newest first")
    List<CampaignResponse> list(@RequestParam(defaultValue = "50") int limit) throws IOException {
        return campaigns.list(limit);
    }

    @GetMapping("/{id}")
    CampaignResponse get(@PathVariable String id) throws IOException {
        return CampaignResponse.of(campaigns.get(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a campaign; targets no other campaign needs are removed (write scope)")
    ResponseEntity<Void> delete(@PathVariable String id) throws IOException {
        campaigns.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/{id}/report", produces = "application/json")
    @Operation(summary = "Totals, timeline, phases and uplift; Accept: text/csv gives the timeline as CSV")
    CampaignReport report(@PathVariable String id, @ReportInterval @RequestParam(required = false) String interval)
            throws IOException {
        return reports.report(id, interval(interval));
    }

    @GetMapping(value = "/{id}/report", produces = TEXT_CSV)
    ResponseEntity<String> reportCsv(
            @PathVariable String id, @ReportInterval @RequestParam(required = false) String interval)
            throws IOException {
        CampaignReport report = reports.report(id, interval(interval));
        return ResponseEntity.ok()
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"campaign-" + report.campaign().id() + "-timeline.csv\"")
                .contentType(MediaType.parseMediaType(TEXT_CSV))
                .body(TimelineCsv.of(report.timeline()));
    }

    private static Interval interval(String text) {
        return text == null ? null : Interval.parse(text);
    }

    /** Documents the report's {@code interval}, whose default depends on the campaign's length. */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(
            description = "bucket size: a number and a unit m, h or d, from 1m to 366d; default: 1d, or the shortest"
                    + " of 7d, 30d, 366d that keeps the timeline within 2000 buckets",
            schema = @Schema(type = "string", pattern = "^[1-9][0-9]{0,3}[mhd]$", example = "1d"))
    @interface ReportInterval {}
}
