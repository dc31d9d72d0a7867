package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.model.index.IndexNames;
import io.onestore.model.sentiment.VaderSentimentScorer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code --rescore}: the ingestor started as a one-off command that re-scores the sentiment of every stored post
 * from its raw payload ({@link SentimentRescorer}) and exits; {@code --rescore-page-size=N} (default 500) sets the
 * page and bulk size. {@code IngestorApplication} starts it without the scheduler and web server. Documented in
 * docs/ingestor-indexing.md ("Re-scoring sentiment").
 */
@Component
class RescoreCommand implements ApplicationRunner {

    static final String OPTION = "rescore";

    private static final Logger log = LoggerFactory.getLogger(RescoreCommand.class);
    private static final int DEFAULT_PAGE_SIZE = 500;

    private final ElasticsearchClient client;
    private final IndexNames names;

    RescoreCommand(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        List<String> size = args.getOptionValues("rescore-page-size");
        int pageSize = size == null || size.isEmpty() ? DEFAULT_PAGE_SIZE : Integer.parseInt(size.get(0));
        log.info("Re-scoring the sentiment of every post in {} from its raw payload", names.posts());
        SentimentRescorer.Report report =
                new SentimentRescorer(client, names, new VaderSentimentScorer()).rescore(pageSize);
        log.info(
                "Re-scoring done: {} posts examined, {} updated, {} refused",
                report.examined(),
                report.changed(),
                report.failed());
        if (report.failed() > 0) {
            throw new IllegalStateException(report.failed() + " posts could not be updated; run --rescore again");
        }
    }
}
