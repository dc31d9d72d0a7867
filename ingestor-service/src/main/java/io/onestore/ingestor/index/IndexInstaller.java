package io.onestore.ingestor.index;

import io.onestore.ingestor.config.IngestSettings;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.index.IndexBootstrap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Installs the index contract when the service starts: the one place indices are created (design.md §1). Runs in
 * the background and retries with a growing backoff while Elasticsearch is not up, so the service starts anyway and
 * its health says what is wrong; cycles wait for {@link #isInstalled()}.
 */
public final class IndexInstaller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexInstaller.class);

    private final IndexBootstrap bootstrap;
    private final IngestSettings.Bootstrap settings;
    private ScheduledExecutorService executor;
    private volatile boolean installed;
    private volatile boolean running;

    public IndexInstaller(IndexBootstrap bootstrap, IngestSettings.Bootstrap settings) {
        this.bootstrap = bootstrap;
        this.settings = settings;
    }

    public boolean isInstalled() {
        return installed;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> BulkIndexer.daemon(r, "onestore-index-install"));
        running = true;
        executor.execute(() -> attempt(settings.minBackoff()));
    }

    private void attempt(Duration backoff) {
        try {
            List<IndexAlias> created = bootstrap.installAll();
            installed = true;
            log.info("Index contract installed (first indices created: {})", created);
        } catch (RuntimeException e) {
            Duration next = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                    ? settings.maxBackoff()
                    : backoff.multipliedBy(2);
            log.warn("Cannot install the index contract yet ({}); retrying in {}", e.toString(), backoff);
            if (running) {
                executor.schedule(() -> attempt(next), backoff.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early, before the scheduler's cycles; stopped late. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
