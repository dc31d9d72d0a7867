package io.onestore.query.web;

import io.onestore.query.campaign.CampaignReportService;
import io.onestore.query.campaign.CampaignService;
import io.onestore.query.config.ClockConfig;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.insight.influencer.InfluencerService;
import io.onestore.query.insight.sentiment.SentimentService;
import io.onestore.query.insight.shareofvoice.ShareOfVoiceService;
import io.onestore.query.insight.spike.SpikeService;
import io.onestore.query.insight.tagtrend.TagTrendService;
import io.onestore.query.insight.tagvolume.TagVolumeService;
import io.onestore.query.request.RequestReader;
import io.onestore.query.request.StrictJsonConfig;
import io.onestore.query.search.PostSearchService;
import io.onestore.query.security.ApiKeyConfig;
import io.onestore.query.targets.TargetLedgerService;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web slice every controller test uses: all controllers, every service mocked, the API-key filter with three keys
 * (read only, write only, both). One definition, so every slice test shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@MockitoBean(
        types = {
            CampaignService.class,
            CampaignReportService.class,
            InfluencerService.class,
            ShareOfVoiceService.class,
            SentimentService.class,
            SpikeService.class,
            TagTrendService.class,
            TagVolumeService.class,
            PostSearchService.class,
            TargetLedgerService.class
        })
@Import({ApiKeyConfig.class, RequestReader.class, StrictJsonConfig.class, ClockConfig.class})
@EnableConfigurationProperties(QueryApiProperties.class)
@TestPropertySource(
        properties = "onestore.security.api-keys=" + WebSliceTest.READ + ":read," + WebSliceTest.WRITE + ":write,"
                + WebSliceTest.ADMIN)
public @interface WebSliceTest {
    String READ = "reader-key";
    String WRITE = "writer-key";
    String ADMIN = "admin-key";
}
