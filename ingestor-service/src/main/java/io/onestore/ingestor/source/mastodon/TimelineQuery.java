package io.onestore.ingestor.source.mastodon;

import java.net.URI;

/**
 * One request for a hashtag timeline page, paged by status id as Mastodon documents it: {@code minId} for the page
 * immediately newer than an id (reading forward from a cursor without skipping), {@code maxId} for the page older
 * than an id (reading back); neither for the newest page.
 *
 * @param server the server's base URL
 * @param tag the normalised hashtag, without {@code #}
 */
public record TimelineQuery(URI server, String tag, String minId, String maxId, int limit) {

    public static TimelineQuery newest(URI server, String tag, int limit) {
        return new TimelineQuery(server, tag, null, null, limit);
    }

    public static TimelineQuery after(URI server, String tag, String minId, int limit) {
        return new TimelineQuery(server, tag, minId, null, limit);
    }

    public static TimelineQuery before(URI server, String tag, String maxId, int limit) {
        return new TimelineQuery(server, tag, null, maxId, limit);
    }
}
