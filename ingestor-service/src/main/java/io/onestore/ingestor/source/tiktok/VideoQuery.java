package io.onestore.ingestor.source.tiktok;

import java.time.LocalDate;

/**
 * One request of a video search: videos created from {@code startDate} through {@code endDate} (UTC days, both
 * included; the API allows at most 30 days) that carry the hashtag or were posted by the user. The first page has no
 * {@code searchId}; later pages send the search id and cursor of the page before, so they page through one fixed
 * result set.
 *
 * @param field {@code hashtag_name} or {@code username}
 * @param value the hashtag without {@code #}, or the username without {@code @}
 * @param cursor the offset of the page, 0 for the first
 * @param searchId the search the previous page belonged to; null for the first page
 */
public record VideoQuery(
        String field, String value, LocalDate startDate, LocalDate endDate, int cursor, String searchId) {

    public static VideoQuery hashtag(String tag, LocalDate start, LocalDate end) {
        return new VideoQuery("hashtag_name", tag, start, end, 0, null);
    }

    public static VideoQuery username(String username, LocalDate start, LocalDate end) {
        return new VideoQuery("username", username, start, end, 0, null);
    }

    /** The next page of the same search. */
    public VideoQuery next(int nextCursor, String search) {
        return new VideoQuery(field, value, startDate, endDate, nextCursor, search);
    }
}
