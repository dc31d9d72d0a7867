package io.onestore.query.campaign;

import io.onestore.query.coverage.Coverage;
import io.onestore.query.coverage.Withheld;
import io.onestore.query.insight.influencer.InfluencerRanking;
import java.time.Instant;
import java.util.List;

/**
 * A campaign's report: totals and a timeline over the whole report window {@code [start - baselineDays,
 * end + afterDays)}, the three phases, and the uplift of the later phases over the baseline (docs/insights.md).
 *
 * <p>{@code influencers} ranks the authors of the campaign's hashtags over the report window without the campaign's
 * own handles and the configured owned accounts: the first {@link CampaignReportService#TOP_INFLUENCERS}, while its
 * {@code potentialReach} sums the reach estimates of the campaign's top {@code influencers.max-limit} authors
 * (docs/insights.md#reach-estimate).
 */
public record CampaignReport(
        CampaignResponse campaign,
        String interval,
        Instant from,
        Instant to,
        Totals totals,
        List<TimelineBucket> timeline,
        Phases phases,
        Uplift uplift,
        Coverage coverage,
        InfluencerRanking influencers) {

    /**
     * @param likes the sum of the likes we know; posts whose author hides them are counted in
     *     {@code postsWithUnknownLikes} and add nothing, never -1
     * @param engagement likes + comments + shares as derived at index time, summed over the posts that have it
     * @param postsWithUnknownEngagement posts none of whose counts is known (a back-filled Bluesky post,
     *     docs/open-networks.md): they add nothing to {@code engagement}, never 0 in disguise
     */
    public record Totals(
            long posts,
            long uniqueAuthors,
            long likes,
            long comments,
            long engagement,
            long postsWithUnknownLikes,
            long postsWithUnknownEngagement) {}

    /** One bucket of the timeline; the same columns as {@link Totals}, and as the CSV's header. */
    public record TimelineBucket(
            Instant start,
            long posts,
            long uniqueAuthors,
            long likes,
            long comments,
            long engagement,
            long postsWithUnknownLikes,
            long postsWithUnknownEngagement) {}

    /**
     * @param days how much of the phase has elapsed, in days: the denominator of the rates (a phase still running
     *     is measured up to now; one not started yet has 0 days and no rates)
     * @param coveredShare the share of the phase (up to now) the capture of every target covers; see {@code coverage}
     */
    public record Phase(Instant from, Instant to, double days, Totals totals, Rates perDay, double coveredShare) {}

    public record Phases(Phase baseline, Phase during, Phase after) {}

    /** Per-day values, or (in {@link Uplift}) relative changes: 0.5 = +50 %. Null when undefined. */
    public record Rates(Double posts, Double likes, Double comments, Double engagement) {}

    /**
     * @param duringVsBaseline null when a rate is undefined, or when withheld
     * @param duringVsBaselineWithheld why {@code duringVsBaseline} is null although both phases have rates: the
     *     baseline or the during phase is covered less than {@code onestore.coverage.min-comparable-share}; else null
     */
    public record Uplift(
            Rates duringVsBaseline,
            Rates afterVsBaseline,
            Withheld duringVsBaselineWithheld,
            Withheld afterVsBaselineWithheld) {}
}
