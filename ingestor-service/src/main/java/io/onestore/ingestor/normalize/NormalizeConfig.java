package io.onestore.ingestor.normalize;

import io.onestore.model.sentiment.SentimentScorer;
import io.onestore.model.sentiment.VaderSentimentScorer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NormalizeConfig {

    /** What the Instagram fetcher hands its payloads to; VADER unless a test supplies another scorer. */
    @Bean
    InstagramPayloadNormalizer instagramPayloadNormalizer(ObjectProvider<SentimentScorer> sentiment) {
        return new InstagramPayloadNormalizer(
                new CaptureAssembler(sentiment.getIfAvailable(VaderSentimentScorer::new)));
    }

    /** Mastodon statuses into posts, with the same sentiment scorer as Instagram's captions. */
    @Bean
    MastodonStatusNormalizer mastodonStatusNormalizer(ObjectProvider<SentimentScorer> sentiment) {
        return new MastodonStatusNormalizer(new OpenPostAssembler(sentiment.getIfAvailable(VaderSentimentScorer::new)));
    }

    /** TikTok Research API videos into posts, with the same sentiment scorer. */
    @Bean
    TikTokVideoNormalizer tiktokVideoNormalizer(ObjectProvider<SentimentScorer> sentiment) {
        return new TikTokVideoNormalizer(sentiment.getIfAvailable(VaderSentimentScorer::new));
    }

    @Bean
    BlueskyPostNormalizer blueskyPostNormalizer(ObjectProvider<SentimentScorer> sentiment) {
        return new BlueskyPostNormalizer(new OpenPostAssembler(sentiment.getIfAvailable(VaderSentimentScorer::new)));
    }

    /** AppView profiles into Bluesky profile snapshots. */
    @Bean
    BlueskyProfileNormalizer blueskyProfileNormalizer() {
        return new BlueskyProfileNormalizer();
    }

    /** What the X fetcher hands its payloads to. */
    @Bean
    XPayloadNormalizer xPayloadNormalizer(ObjectProvider<SentimentScorer> sentiment) {
        return new XPayloadNormalizer(sentiment.getIfAvailable(VaderSentimentScorer::new));
    }
}
