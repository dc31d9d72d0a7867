package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.ingestor.account.XAccounts;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.model.index.IndexNames;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link XSpendBook}, only when {@code onestore.sources.x.enabled}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "onestore.sources.x", name = "enabled", havingValue = "true")
class XSpendConfig {

    /** Unscheduled with the schedule off ({@code onestore.ingest.schedule.enabled=false}): tests write it themselves. */
    @Bean
    XSpendBook xSpendBook(
            ElasticsearchClient client,
            IndexNames names,
            XAccounts accounts,
            IngestorProperties properties,
            ObjectProvider<Clock> clocks) {
        return new XSpendBook(
                client,
                names,
                accounts.spend(),
                clocks.getIfAvailable(Clock::systemUTC),
                properties.ingest().schedule().enabled());
    }
}
