package io.onestore.ingestor.capture.tiktok;

import io.onestore.ingestor.account.SharedSpend;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.TikTokEnabled;
import io.onestore.ingestor.source.tiktok.ResearchQuota;
import io.onestore.ingestor.source.tiktok.TikTokResearchClient;
import io.onestore.model.json.ContractJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The TikTok fetcher, when a TikTok client key is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(TikTokEnabled.class)
class TikTokCaptureConfig {

    @Bean
    TikTokTargetFetcher tiktokTargetFetcher(
            IngestorProperties properties,
            TikTokResearchClient client,
            TikTokNormalizer normalizer,
            ResearchQuota quota,
            SharedSpend<ResearchQuota.DaySpend> shared) {
        return new TikTokTargetFetcher(
                client, normalizer, properties.sources().tiktok(), ContractJson.mapper(), quota, shared);
    }
}
