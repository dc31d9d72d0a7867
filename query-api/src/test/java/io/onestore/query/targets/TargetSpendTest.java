package io.onestore.query.targets;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.Refresh;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.document.TargetSpendDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.Ledgers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A target's spend against the real Elasticsearch, on 2026-10-11 (UTC): today's reads are today's document, this
 * month's are October's days summed (September's last day is not in it), and the ceiling is the one last written.
 * A day without reads yet shows zero today and the month so far. X and TikTok each show their own units: posts, users
 * and counts requests; requests and records against the client's quotas.
 */
class TargetSpendTest {

    static final Clock OCTOBER_11 = Clock.fixed(Instant.parse("2026-10-11T12:00:00Z"), ZoneOffset.UTC);
    static final TargetSpendDocument.Ceiling CEILING = TargetSpendDocument.Ceiling.x(10_000, 9_000, 2_000, 1_500, 300);
    static ContractIndices es;

    @BeforeAll
    static void seed() throws Exception {
        es = ContractIndices.install(TargetSpendTest.class);
        es.ledger(List.of(), List.of(), List.of(Ledgers.watched("nike", "c1"), Ledgers.watched("puma", "c1")));
        for (TargetSpendDocument day : List.of(
                day("hashtag:nike", "2026-09-30", 900, 800, 24, CEILING),
                day("hashtag:nike", "2026-10-01", 250, 200, 24, null),
                day("hashtag:nike", "2026-10-11", 100, 87, 3, CEILING),
                day("hashtag:puma", "2026-10-10", 40, 30, 2, CEILING),
                tiktok("hashtag:nike", "2026-09-30", 500, 40_000),
                tiktok("hashtag:nike", "2026-10-02", 12, 1_100),
                tiktok("hashtag:nike", "2026-10-11", 7, 650),
                tiktok("hashtag:puma", "2026-10-09", 3, 280))) {
            es.client().index(i -> i.index(es.names().targetSpend())
                    .id(day.id())
                    .document(day)
                    .refresh(Refresh.True));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void todayIsTodaysDocumentAndTheMonthSumsItsDays() throws Exception {
        TargetSpend nike = service().get("hashtag:nike").spend().get(0);

        assertThat(nike.platform()).isEqualTo("x");
        assertThat(nike.day()).isEqualTo(LocalDate.parse("2026-10-11"));
        assertThat(nike.postsToday()).isEqualTo(100);
        assertThat(nike.usersToday()).isEqualTo(87);
        assertThat(nike.countRequestsToday()).isEqualTo(3);
        assertThat(nike.month()).isEqualTo(YearMonth.parse("2026-10"));
        assertThat(nike.postsThisMonth()).isEqualTo(350);
        assertThat(nike.usersThisMonth()).isEqualTo(287);
        assertThat(nike.countRequestsThisMonth()).isEqualTo(27);
        assertThat(nike.ceiling())
                .isEqualTo(new TargetSpend.Ceiling(10_000L, 9_000L, 2_000L, 1_500L, 300L, null, null));
        assertThat(nike.requestsToday()).as("TikTok's units are not X's").isNull();
    }

    @Test
    void tiktokShowsRequestsAndRecordsTodayAndThisMonthAgainstTheClientsQuotas() throws Exception {
        List<TargetSpend> spend = service().get("hashtag:nike").spend();
        assertThat(spend).extracting(TargetSpend::platform).containsExactly("x", "tiktok");
        TargetSpend tiktok = spend.get(1);

        assertThat(tiktok.requestsToday()).isEqualTo(7);
        assertThat(tiktok.recordsToday()).isEqualTo(650);
        assertThat(tiktok.requestsThisMonth()).isEqualTo(19);
        assertThat(tiktok.recordsThisMonth()).isEqualTo(1_750);
        assertThat(tiktok.ceiling()).isEqualTo(new TargetSpend.Ceiling(null, null, null, null, null, 1_000L, 100_000L));
        assertThat(tiktok.postsToday()).as("X's units are not TikTok's").isNull();
        assertThat(tiktok.postsThisMonth()).isNull();
    }

    @Test
    void aTargetWithNoReadsTodayShowsZeroTodayAndItsMonthInTheList() throws Exception {
        TargetLedger puma =
                service().list(new TargetFilter(TargetDocument.Kind.HASHTAG, null, false), 0, 10).targets().stream()
                        .filter(t -> t.id().equals("hashtag:puma"))
                        .findFirst()
                        .orElseThrow();

        TargetSpend x = puma.spend().get(0);
        assertThat(x.postsToday()).isZero();
        assertThat(x.postsThisMonth()).isEqualTo(40);
        assertThat(x.countRequestsThisMonth()).isEqualTo(2);
        TargetSpend tiktok = puma.spend().get(1);
        assertThat(tiktok.requestsToday()).isZero();
        assertThat(tiktok.recordsToday()).isZero();
        assertThat(tiktok.requestsThisMonth()).isEqualTo(3);
    }

    private static TargetLedgerService service() {
        return new TargetLedgerService(es.client(), es.names(), OCTOBER_11);
    }

    private static TargetSpendDocument day(
            String target, String day, long posts, long users, long counts, TargetSpendDocument.Ceiling ceiling) {
        return TargetSpendDocument.x(
                target, LocalDate.parse(day), posts, users, counts, ceiling, Instant.parse(day + "T23:00:00Z"));
    }

    private static TargetSpendDocument tiktok(String target, String day, long requests, long records) {
        return TargetSpendDocument.tiktok(
                target,
                LocalDate.parse(day),
                requests,
                records,
                TargetSpendDocument.Ceiling.tiktok(1_000, 100_000),
                Instant.parse(day + "T23:00:00Z"));
    }
}
