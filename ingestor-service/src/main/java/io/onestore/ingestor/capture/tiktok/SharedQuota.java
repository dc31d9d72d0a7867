package io.onestore.ingestor.capture.tiktok;

import io.onestore.ingestor.account.SharedSpend;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.source.tiktok.ResearchQuota;
import io.onestore.ingestor.targets.Target;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Brackets a TikTok capture with the target's quota use of the day as every process recorded it in {@code
 * target-spend}: before it, the {@link ResearchQuota} takes up what another replica (or an earlier run of this one)
 * spent on the target today; after it, the target's day is written at once, so the next lease holder counts on from
 * it and the per-target figures the API shows are every replica's together, never one's written over another's. As
 * for X, a target whose stored use cannot be read is not captured (it fails as {@code transient} and stays due): the
 * figures would otherwise go down. Both Elasticsearch calls block, so they run on the bounded-elastic scheduler.
 */
final class SharedQuota {

    private static final Logger log = LoggerFactory.getLogger(SharedQuota.class);

    private final ResearchQuota quota;
    private final SharedSpend<ResearchQuota.DaySpend> shared;

    SharedQuota(ResearchQuota quota, SharedSpend<ResearchQuota.DaySpend> shared) {
        this.quota = quota;
        this.shared = shared;
    }

    /** The capture between taking up and publishing the target's day; {@code capture} must not error. */
    Mono<CaptureResult> around(Target target, Supplier<Mono<CaptureResult>> capture) {
        return Mono.fromCallable(() -> adopted(target))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(adopted -> adopted
                        ? Mono.defer(capture)
                                .flatMap(result -> published(target).thenReturn(result))
                        : Mono.just(new CaptureResult.Failed(
                                target,
                                "transient",
                                "today's TikTok quota use of " + target + " could not be read",
                                List.of())));
    }

    private boolean adopted(Target target) {
        try {
            quota.adopt(shared.today(target.id()));
            return true;
        } catch (IOException | RuntimeException e) {
            log.info(
                    "{}: today's TikTok quota use not readable ({}), nothing asked",
                    target,
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private Mono<Void> published(Target target) {
        return Mono.<Void>fromRunnable(() -> {
                    try {
                        shared.publish(target.id());
                    } catch (IOException | RuntimeException e) {
                        // The periodic write tries again; until then another replica may see less than was spent.
                        log.warn(
                                "{}: TikTok quota use not published ({}), written later",
                                target,
                                e.getClass().getSimpleName());
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
