package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.onestore.ingestor.normalize.Fixtures;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Legacy mode ({@code ?__a=1}): the tag feed's two pages (six posts, the top one also in recent) and two of @nike's. */
@Import(MockUpstreamRig.HandMovedClock.class)
class LegacyModeEndToEndTest extends SourceModeEndToEnd {

    @DynamicPropertySource
    static void legacy(DynamicPropertyRegistry registry) {
        registry.add("onestore.index.prefix", () -> prefix(LegacyModeEndToEndTest.class));
        registry.add("onestore.ingest.spool-dir", () -> WORK_DIR.resolve("spool-legacy")
                .toString());
        registry.add("onestore.sources.instagram.mode", () -> "legacy");
        registry.add("onestore.sources.instagram.base-url", upstream::baseUrl);
    }

    @Override
    void answerNike() {
        String tag = "/explore/tags/nike/";
        upstream.stubFor(get(urlPathEqualTo(tag))
                .withQueryParam("__a", equalTo("1"))
                .withQueryParam("max_id", absent())
                .willReturn(okJson(Fixtures.text("legacy/tag-nike.json"))));
        upstream.stubFor(get(urlPathEqualTo(tag))
                .withQueryParam("max_id", equalTo("QVFCX2V4YW1wbGVfY3Vyc29yX3BhZ2VfMg=="))
                .willReturn(okJson(Fixtures.text("legacy/tag-nike-page2.json"))));
        upstream.stubFor(get(urlPathEqualTo("/nike/"))
                .withQueryParam("__a", equalTo("1"))
                .willReturn(okJson(Fixtures.text("legacy/profile-nike.json"))));
    }

    @Override
    long posts() {
        return 6 + 2;
    }
}
