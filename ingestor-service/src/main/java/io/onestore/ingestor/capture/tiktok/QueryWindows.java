package io.onestore.ingestor.capture.tiktok;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The Research API's 30-day rule: one query spans at most {@code days} UTC days ({@code end_date} no more than 30 days
 * after {@code start_date}; both dates count). A longer range is split into windows of whole days, newest first, so
 * that the freshest videos are read before a quota or budget runs out.
 */
final class QueryWindows {

    /** Days {@code start} through {@code end}, both included. */
    record Window(LocalDate start, LocalDate end) {

        Instant from() {
            return start.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The first instant after the window. */
        Instant until() {
            return end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private QueryWindows() {}

    /** The windows covering {@code first} through {@code last}, newest first; none when {@code last < first}. */
    static List<Window> newestFirst(LocalDate first, LocalDate last, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a window spans at least one day: " + days);
        }
        List<Window> windows = new ArrayList<>();
        LocalDate end = last;
        while (!end.isBefore(first)) {
            LocalDate start = end.minusDays(days - 1L);
            if (start.isBefore(first)) {
                start = first;
            }
            windows.add(new Window(start, end));
            end = start.minusDays(1);
        }
        return windows;
    }

    /** The window of at most {@code days} ending on {@code end}, not reaching before {@code floor}. */
    static Window endingOn(LocalDate end, LocalDate floor, int days) {
        LocalDate start = end.minusDays(days - 1L);
        return new Window(start.isBefore(floor) ? floor : start, end);
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
