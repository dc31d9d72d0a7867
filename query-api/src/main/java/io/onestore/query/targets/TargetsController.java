package io.onestore.query.targets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "targets")
class TargetsController {

    private final TargetLedgerService service;

    TargetsController(TargetLedgerService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/targets")
    @Operation(
            summary = "What is watched and how completely: each target's coverage ledger (docs/coverage.md)",
            description = "Kind, value, campaigns, and per platform the high-water mark, covered since, back-fill"
                    + " progress, estimated rate, last capture, next due, pages and calls spent, open gaps and the"
                    + " planner's outlook. At most 1,000 targets.")
    List<TargetLedger> list() throws IOException {
        return service.list();
    }

    @GetMapping("/api/v1/targets/{id}")
    @Operation(
            summary = "One target's coverage ledger with its latest 100 gaps (id e.g. hashtag:nike, profile:nike)",
            description = "A gap is a range of post times the capture did not read, with its reason: page_budget,"
                    + " account_budget, upstream_failure, api_window or store_unavailable; status open or filled.")
    TargetLedger get(@PathVariable String id) throws IOException {
        return service.get(id);
    }
}
