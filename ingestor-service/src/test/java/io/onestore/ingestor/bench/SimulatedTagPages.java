package io.onestore.ingestor.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tag pages of the web endpoint ({@code /api/v1/tags/web_info/}) in the shape the simulator serves them: grid rows
 * of three medias with captions, hashtags, a mention, counters, an author and image candidates. Each page holds its
 * own posts (ids unique per run and page), so a capture of every page is a first capture and a second one a
 * recapture. Bytes, because the benchmark times the parse as well.
 */
final class SimulatedTagPages {

    private SimulatedTagPages() {}

    static List<byte[]> pages(String run, int posts, int postsPerPage, Instant takenBefore) {
        List<byte[]> pages = new ArrayList<>();
        for (int page = 0; page * postsPerPage < posts; page++) {
            int count = Math.min(postsPerPage, posts - page * postsPerPage);
            pages.add(page(run, page, count, takenBefore).getBytes(StandardCharsets.UTF_8));
        }
        return pages;
    }

    static String tag(int page) {
        return "bench" + page;
    }

    private static String page(String run, int page, int count, Instant takenBefore) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i += 3) {
            if (i > 0) {
                rows.append(',');
            }
            rows.append("{\"layout_type\":\"media_grid\",\"feed_type\":\"media\",\"layout_content\":{\"medias\":[");
            for (int j = i; j < Math.min(count, i + 3); j++) {
                if (j > i) {
                    rows.append(',');
                }
                rows.append(media(run, page, j, takenBefore.getEpochSecond() - 60L * j));
            }
            rows.append("]}}");
        }
        return "{\"data\":{\"id\":\"178" + page + "\",\"name\":\"" + tag(page) + "\",\"media_count\":" + (1000 + count)
                + ",\"top\":{\"sections\":[]},\"recent\":{\"sections\":[" + rows
                + "],\"more_available\":false}},\"status\":\"ok\"}";
    }

    private static String media(String run, int page, int index, long takenAt) {
        String pk = String.format(Locale.ROOT, "31%s%05d%04d", run, page, index);
        String user = Integer.toString(25_000_000 + (page * 31 + index) % 5000);
        return "{\"media\":{\"taken_at\":" + takenAt + ",\"pk\":\"" + pk + "\",\"id\":\"" + pk + "_" + user
                + "\",\"media_type\":1,\"code\":\"Bn" + pk + "\",\"caption\":{\"pk\":\"179" + pk + "\",\"text\":"
                + "\"Morning run in the new drop, loving it #" + tag(page) + " #justdoit #run" + (index % 7)
                + " with @friend" + (index % 11) + "\",\"created_at\":" + (takenAt + 1) + "},\"like_count\":"
                + (100 + index * 7 % 900) + ",\"comment_count\":" + (index % 40)
                + ",\"like_and_view_counts_disabled\":false,\"user\":{\"pk\":\"" + user
                + "\",\"username\":\"runner_" + user + "\",\"full_name\":\"Runner " + user
                + "\",\"is_verified\":false,\"is_private\":false},\"image_versions2\":{\"candidates\":[{\"width\":1080,"
                + "\"height\":1080,\"url\":\"https://scontent.cdninstagram.com/v/" + pk + ".jpg\"}]}}}";
    }
}
