package io.onestore.query.targets;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetSpendDocument;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Sums {@code target-spend} documents (one per target, platform and UTC day) into each target's {@link TargetSpend}:
 * today's document, and the month's days summed. Pure: the service reads the documents.
 */
final class TargetSpendSums {

    /** At most 31 days a month per target and platform: the targets one search may ask for, every day included. */
    static final int TARGETS_PER_SEARCH = TargetLedgerService.MAX_SPEND_DOCUMENTS / (31 * Platform.values().length);

    private TargetSpendSums() {}

    /** The first day of {@code today}'s month: the oldest document a month's sum needs. */
    static LocalDate monthStart(LocalDate today) {
        return YearMonth.from(today).atDay(1);
    }

    /** Each target's spend per platform, by platform; {@code days} must be this month's up to today. */
    static Map<String, List<TargetSpend>> of(List<TargetSpendDocument> days, LocalDate today) {
        Map<String, Map<Platform, List<TargetSpendDocument>>> grouped = new HashMap<>();
        days.forEach(d -> grouped.computeIfAbsent(d.targetId(), k -> new HashMap<>())
                .computeIfAbsent(d.platform(), k -> new ArrayList<>())
                .add(d));
        Map<String, List<TargetSpend>> byTarget = new HashMap<>();
        grouped.forEach((target, platforms) -> byTarget.put(
                target,
                platforms.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> spend(e.getKey(), e.getValue(), today))
                        .toList()));
        return byTarget;
    }

    private static TargetSpend spend(Platform platform, List<TargetSpendDocument> days, LocalDate today) {
        TargetSpendDocument latest = days.stream()
                .max(Comparator.comparing(TargetSpendDocument::day))
                .orElseThrow();
        TargetSpendDocument todays = latest.day().equals(today) ? latest : null;
        return new TargetSpend(
                platform.key(),
                today,
                today(days, todays, TargetSpendDocument::posts),
                today(days, todays, TargetSpendDocument::users),
                today(days, todays, TargetSpendDocument::countRequests),
                today(days, todays, TargetSpendDocument::requests),
                today(days, todays, TargetSpendDocument::records),
                YearMonth.from(today),
                month(days, TargetSpendDocument::posts),
                month(days, TargetSpendDocument::users),
                month(days, TargetSpendDocument::countRequests),
                month(days, TargetSpendDocument::requests),
                month(days, TargetSpendDocument::records),
                TargetSpend.Ceiling.of(latest.ceiling()));
    }

    /** Today's count of a unit: 0 without a document today; null when the platform does not count in it. */
    private static Long today(
            List<TargetSpendDocument> days, TargetSpendDocument todays, Function<TargetSpendDocument, Long> unit) {
        if (month(days, unit) == null) {
            return null;
        }
        Long count = todays == null ? null : unit.apply(todays);
        return count == null ? 0L : count;
    }

    /** The month's days summed; null when none of them counts in this unit (another platform's unit). */
    private static Long month(List<TargetSpendDocument> days, Function<TargetSpendDocument, Long> unit) {
        List<Long> counts = days.stream().map(unit).filter(Objects::nonNull).toList();
        return counts.isEmpty()
                ? null
                : counts.stream().mapToLong(Long::longValue).sum();
    }
}
