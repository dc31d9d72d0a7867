package io.onestore.query.campaign;

import java.util.List;

/**
 * The report timeline as CSV (RFC 4180: CRLF line ends, a header row); only numbers and instants, no quoting. The
 * columns are the JSON timeline's fields, by the same names, so one client reads both.
 */
final class TimelineCsv {

    static final String HEADER =
            "start,posts,uniqueAuthors,likes,comments,engagement,postsWithUnknownLikes,postsWithUnknownEngagement";

    private TimelineCsv() {}

    static String of(List<CampaignReport.TimelineBucket> timeline) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (CampaignReport.TimelineBucket b : timeline) {
            csv.append(b.start())
                    .append(',')
                    .append(b.posts())
                    .append(',')
                    .append(b.uniqueAuthors())
                    .append(',')
                    .append(b.likes())
                    .append(',')
                    .append(b.comments())
                    .append(',')
                    .append(b.engagement())
                    .append(',')
                    .append(b.postsWithUnknownLikes())
                    .append(',')
                    .append(b.postsWithUnknownEngagement())
                    .append("\r\n");
        }
        return csv.toString();
    }
}
