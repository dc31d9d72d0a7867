package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.onestore.ingestor.account.SharedSpend;
import io.onestore.ingestor.account.SpendCeiling;
import io.onestore.ingestor.config.XSettings;
import io.onestore.model.document.Platform;
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
 * X's spend per target and UTC day in Elasticsearch ({@code target-spend}, one {@link TargetSpendDocument} per
 * target and day), where the query API shows it per target (docs/ingestor-x.md, "Spend"). Every {@link #EVERY} it
 * writes the day's counts of the targets whose spend changed; before the first write it reads back what an earlier
 * process wrote today and {@linkplain SpendCeiling#seed seeds} the ceiling with it, so a restart neither forgets the
 * day's spend nor writes smaller counts over it. A failed write is tried again next time; nothing here stops a capture.
 *
 * <p>Across replicas ({@link SharedSpend}): a capture of a target starts by reading the target's document of the day
 * (a realtime get, no refresh needed) and ends by writing it, so the next process to lease the target counts on from
 * what this one bought.
 */
public final class XSpendBook implements SharedSpend, AutoCloseable {

    /** Often enough that the API trails the ingestor by seconds, seldom enough to cost nothing. */
    static final Duration EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(XSpendBook.class);
    private static final int MOST_TARGETS = 10_000;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final SpendCeiling spend;
    private final Clock clock;
    private final ScheduledExecutorService writer;
    private boolean seeded;

    XSpendBook(ElasticsearchClient client, IndexNames names, SpendCeiling spend, Clock clock, boolean scheduled) {
        this.client = client;
        this.names = names;
        this.spend = spend;
        this.clock = clock;
        this.writer = scheduled
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "onestore-x-spend");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        if (writer != null) {
            writer.scheduleWithFixedDelay(this::writeQuietly, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Seeds the ceiling once, then writes what changed; throws when Elasticsearch refused or was not there. */
    public synchronized void write() throws IOException {
        if (!seeded) {
            spend.seed(today());
            seeded = true;
        }
        List<SpendCeiling.DaySpend> changed = spend.takeChanged();
        if (changed.isEmpty()) {
            return;
        }
        try {
            bulk(changed);
        } catch (IOException | RuntimeException e) {
            spend.stillChanged(changed);
            throw e;
        }
    }

    private void bulk(List<SpendCeiling.DaySpend> changed) throws IOException {
        XSettings.Spend limits = spend.limits();
        TargetSpendDocument.Ceiling ceiling = new TargetSpendDocument.Ceiling(
                limits.postsPerDay(),
                limits.usersPerDay(),
                limits.postsPerTargetPerDay(),
                limits.usersPerTargetPerDay(),
                limits.countRequestsPerDay());
        List<BulkOperation> operations = new ArrayList<>();
        for (SpendCeiling.DaySpend day : changed) {
            TargetSpendDocument document = new TargetSpendDocument(
                    day.targetId(),
                    Platform.X,
                    day.day(),
                    day.posts(),
                    day.users(),
                    day.countRequests(),
                    ceiling,
                    clock.instant());
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(names.targetSpend())
                    .id(document.id())
                    .requireAlias(true)
                    .document(document))));
        }
        var response = client.bulk(b -> b.operations(operations));
        if (response.errors()) {
            List<SpendCeiling.DaySpend> refused = new ArrayList<>();
            for (int i = 0; i < response.items().size(); i++) {
                if (response.items().get(i).error() != null) {
                    refused.add(changed.get(i));
                }
            }
            spend.stillChanged(refused);
            log.warn(
                    "X spend: {} of {} target-spend writes refused ({}), tried again later",
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
    public SpendCeiling.DaySpend today(String targetId) throws IOException {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String id = new TargetSpendDocument(targetId, Platform.X, day, 0, 0, 0, null, null).id();
        var got = client.get(g -> g.index(names.targetSpend()).id(id), TargetSpendDocument.class);
        TargetSpendDocument d = got.found() ? got.source() : null;
        return d == null
                ? new SpendCeiling.DaySpend(targetId, day, 0, 0, 0)
                : new SpendCeiling.DaySpend(targetId, d.day(), d.posts(), d.users(), d.countRequests());
    }

    @Override
    public synchronized void publish(String targetId) throws IOException {
        List<SpendCeiling.DaySpend> one = List.of(spend.take(targetId));
        try {
            bulk(one);
        } catch (IOException | RuntimeException e) {
            spend.stillChanged(one);
            throw e;
        }
    }

    /** What an earlier process of the same prefix wrote for today. */
    private List<SpendCeiling.DaySpend> today() throws IOException {
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        var response = client.search(
                s -> s.index(names.targetSpend())
                        .size(MOST_TARGETS)
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.term(t -> t.field("platform").value(Platform.X.key())))
                                .filter(f -> f.term(t -> t.field("day").value(day))))),
                TargetSpendDocument.class);
        List<SpendCeiling.DaySpend> stored = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            TargetSpendDocument d = hit.source();
            if (d != null) {
                stored.add(new SpendCeiling.DaySpend(d.targetId(), d.day(), d.posts(), d.users(), d.countRequests()));
            }
        }
        return stored;
    }

    private void writeQuietly() {
        try {
            write();
        } catch (IOException | RuntimeException e) {
            // The index is not installed yet, or Elasticsearch is away: the counts stay in memory until it answers.
            log.debug("X spend not written yet: {}", e.toString());
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
