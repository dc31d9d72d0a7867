package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.ingestor.account.SpendCeiling;
import io.onestore.ingestor.account.XAccounts;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.TikTokEnabled;
import io.onestore.ingestor.source.tiktok.ResearchQuota;
import io.onestore.model.index.IndexNames;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link SpendBook} per metered source that is on: X's reads ({@code onestore.sources.x.enabled}) and TikTok's
 * quota use (a TikTok client key configured). Each is a {@code SharedSpend<D>} of its ledger's day type, which is how
 * a capture finds its own. Unscheduled with the schedule off ({@code onestore.ingest.schedule.enabled=false}): tests
 * write them themselves.
 */
@Configuration(proxyBeanMethods = false)
class SpendBookConfig {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "onestore.sources.x", name = "enabled", havingValue = "true")
    static class X {

        @Bean
        SpendBook<SpendCeiling.DaySpend> xSpendBook(
                ElasticsearchClient client,
                IndexNames names,
                XAccounts accounts,
                IngestorProperties properties,
                ObjectProvider<Clock> clocks) {
            return new SpendBook<>(
                    client,
                    names,
                    accounts.spend(),
                    clocks.getIfAvailable(Clock::systemUTC),
                    properties.ingest().schedule().enabled());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(TikTokEnabled.class)
    static class TikTok {

        @Bean
        SpendBook<ResearchQuota.DaySpend> tiktokSpendBook(
                ElasticsearchClient client,
                IndexNames names,
                ResearchQuota quota,
                IngestorProperties properties,
                ObjectProvider<Clock> clocks) {
            return new SpendBook<>(
                    client,
                    names,
                    quota,
                    clocks.getIfAvailable(Clock::systemUTC),
                    properties.ingest().schedule().enabled());
        }
    }
}
