package io.onestore.ingestor.capture.x;

import io.onestore.ingestor.account.SharedSpend;
import io.onestore.ingestor.account.SpendCeiling;
import io.onestore.ingestor.account.XAccounts;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.XSettings;
import io.onestore.ingestor.source.x.XClient;
import io.onestore.model.json.ContractJson;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The X {@link XTargetFetcher}, only when {@code onestore.sources.x.enabled}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "onestore.sources.x", name = "enabled", havingValue = "true")
class XCaptureConfig {

    @Bean
    XTargetFetcher xTargetFetcher(
            IngestorProperties properties,
            XClient client,
            XAccounts accounts,
            SharedSpend<SpendCeiling.DaySpend> shared,
            XNormalizer normalizer,
            Clock clock) {
        XSettings x = properties.sources().x();
        return new XTargetFetcher(
                client,
                accounts,
                shared,
                new XSearchWalk(accounts.spend(), x.maxPages(), x.maxResults()),
                normalizer,
                ContractJson.mapper(),
                clock);
    }
}
