package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.onestore.ingestor.account.SharedSpend;
import io.onestore.ingestor.account.SpendLedger;
import io.onestore.model.document.TargetSpendDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One metered platform's spend per target and UTC day in Elasticsearch ({@code target-spend}, one {@link
 * TargetSpendDocument} per target, platform and day), where the query API shows it per target: X's reads
 * (docs/ingestor-x.md, "Spend") and TikTok's Research API requests and records (docs/ingestor-tiktok.md, "Quotas").
 * Every {@link #EVERY} it writes the day's counts of the targets whose spend changed; before the first write it reads
 * back what an earlier process wrote today and {@linkplain SpendLedger#seed seeds} the ledger with it, so a restart
 * neither forgets the day's spend nor writes smaller counts over it. A failed write is tried again next time; nothing
 * here stops a capture.
 *
 * <p>Across replicas ({@link SharedSpend}): a capture of a target starts by reading the target's document of the day
 * (a realtime get, no refresh needed) and ends by writing it, so the next process to lease the target counts on from
 * what this one spent.
 *
 * @param <D> the ledger's record of one target's day
 */
public final class SpendBook<D extends SpendLedger.Day> implements SharedSpend<D>, AutoCloseable {

    /** Often enough that the API trails the ingestor by seconds, seldom enough to cost nothing. */
    static final Duration EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(SpendBook.class);
    private static final int MOST_TARGETS = 10_000;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final SpendLedger<D> ledger;
    private final Clock clock;
    private final ScheduledExecutorService writer;
    private boolean seeded;

    SpendBook(ElasticsearchClient client, IndexNames names, SpendLedger<D> ledger, Clock clock, boolean scheduled) {
        this.client = client;
        this.names = names;
        this.ledger = ledger;
        this.clock = clock;
        this.writer = scheduled
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread =
                            new Thread(r, "onestore-" + ledger.platform().key() + "-spend");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        if (writer != null) {
            writer.scheduleWithFixedDelay(this::writeQuietly, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Seeds the ledger once, then writes what changed; throws when Elasticsearch refused or was not there. */
    public synchronized void write() throws IOException {
        if (!seeded) {
            ledger.seed(today());
            seeded = true;
        }
        List<D> changed = ledger.takeChanged();
        if (changed.isEmpty()) {
            return;
        }
        try {
            bulk(changed);
        } catch (IOException | RuntimeException e) {
            ledger.stillChanged(changed);
            throw e;
        }
    }

    private void bulk(List<D> changed) throws IOException {
        List<BulkOperation> operations = new ArrayList<>();
        for (D day : changed) {
            TargetSpendDocument document = ledger.document(day, clock.instant());
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(names.targetSpend())
                    .id(document.id())
                    .requireAlias(true)
                    .document(document))));
        }
        var response = client.bulk(b -> b.operations(operations));
        if (response.errors()) {
            List<D> refused = new ArrayList<>();
            for (int i = 0; i < response.items().size(); i++) {
                if (response.items().get(i).error() != null) {
                    refused.add(changed.get(i));
                }
            }
            ledger.stillChanged(refused);
            log.warn(
                    "{} spend: {} of {} target-spend writes refused ({}), tried again later",
                    ledger.platform().key(),
                    refused.size(),
                    changed.size(),
                    response.items().stream()
                            .filter(item -> item.error() != null)
                            .findFirst()
                            .map(item -> item.error().type())
                            .orElse("?"));
        }
    }

    @Override
    public D today(String targetId) throws IOException {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String id = TargetSpendDocument.idOf(targetId, ledger.platform(), day);
        var got = client.get(g -> g.index(names.targetSpend()).id(id), TargetSpendDocument.class);
        return ledger.day(targetId, day, got.found() ? got.source() : null);
    }

    @Override
    public synchronized void publish(String targetId) throws IOException {
        List<D> one = List.of(ledger.take(targetId));
        try {
            bulk(one);
        } catch (IOException | RuntimeException e) {
            ledger.stillChanged(one);
            throw e;
        }
    }

    /** What an earlier process of the same prefix wrote for today, on this ledger's platform. */
    private List<D> today() throws IOException {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        var response = client.search(
                s -> s.index(names.targetSpend())
                        .size(MOST_TARGETS)
                        .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("platform")
                                        .value(ledger.platform().key())))
                                .filter(f -> f.term(t -> t.field("day").value(day.toString()))))),
                TargetSpendDocument.class);
        List<D> stored = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            TargetSpendDocument d = hit.source();
            if (d != null) {
                stored.add(ledger.day(d.targetId(), d.day(), d));
            }
        }
        return stored;
    }

    private void writeQuietly() {
        try {
            write();
        } catch (IOException | RuntimeException e) {
            // The index is not installed yet, or Elasticsearch is away: the counts stay in memory until it answers.
            log.debug("{} spend not written yet: {}", ledger.platform().key(), e.toString());
        }
    }

    /** Writes what is left, once, then stops. */
    @Override
    public void close() {
        if (writer != null) {
            writer.shutdownNow();
        }
        writeQuietly();
    }
}
