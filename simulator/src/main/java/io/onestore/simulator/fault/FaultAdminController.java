package io.onestore.simulator.fault;

import io.onestore.simulator.limit.FixedWindowLimiter;
import io.onestore.simulator.limit.HashtagQuota;
import io.onestore.simulator.tiktok.ResearchClients;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Faults at runtime, and a way to give every token its full budget back (tests, benchmarks). */
@RestController
class FaultAdminController {

    private final FaultInjector injector;
    private final FixedWindowLimiter limiter;
    private final HashtagQuota hashtagQuota;
    private final ResearchClients researchClients;

    FaultAdminController(
            FaultInjector injector,
            FixedWindowLimiter limiter,
            HashtagQuota hashtagQuota,
            ResearchClients researchClients) {
        this.injector = injector;
        this.limiter = limiter;
        this.hashtagQuota = hashtagQuota;
        this.researchClients = researchClients;
    }

    @GetMapping("/__admin/faults")
    FaultSettings current() {
        return injector.settings();
    }

    /** Replaces the settings (absent rates are 0) and restarts the request count the draws are made from. */
    @PostMapping("/__admin/faults")
    FaultSettings replace(@RequestBody FaultSettings settings) {
        injector.replace(settings);
        return injector.settings();
    }

    @DeleteMapping("/__admin/faults")
    ResponseEntity<Void> clear() {
        injector.replace(FaultSettings.NONE);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/__admin/limits")
    ResponseEntity<Void> resetLimits() {
        limiter.clear();
        hashtagQuota.clear();
        researchClients.clear();
        return ResponseEntity.noContent().build();
    }

    /** Invalidates every TikTok client token issued, as an early expiry would: the next call answers 401. */
    @DeleteMapping("/__admin/tiktok/tokens")
    ResponseEntity<Void> revokeTikTokTokens() {
        researchClients.revokeTokens();
        return ResponseEntity.noContent().build();
    }
}
