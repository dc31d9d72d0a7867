package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import io.onestore.ingestor.normalize.Fixtures;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Graph mode: hashtag search, then recent media (two pages) and top media, six posts with one in both lists; @nike
 * through business discovery, two posts.
 */
@Import(MockUpstreamRig.HandMovedClock.class)
class GraphModeEndToEndTest extends SourceModeEndToEnd {

    static final String V = "/v21.0";
    static final String NIKE_ID = "17843826142012701";

    @DynamicPropertySource
    static void graph(DynamicPropertyRegistry registry) {
        registry.add("onestore.index.prefix", () -> prefix(GraphModeEndToEndTest.class));
        registry.add("onestore.ingest.spool-dir", () -> WORK_DIR.resolve("spool-graph")
                .toString());
        registry.add("onestore.sources.instagram.mode", () -> "graph");
        registry.add("onestore.sources.instagram.base-url", () -> upstream.baseUrl() + V);
    }

    @Override
    void answerNike() {
        upstream.stubFor(
                get(urlPathMatching(V + "/\\d+/recently_searched_hashtags")).willReturn(okJson("{\"data\":[]}")));
        upstream.stubFor(get(urlPathEqualTo(V + "/ig_hashtag_search"))
                .withQueryParam("q", equalTo("nike"))
                .willReturn(okJson(Fixtures.text("graph/hashtag-search-nike.json"))));
        upstream.stubFor(get(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media"))
                .withQueryParam("after", absent())
                .willReturn(okJson(Fixtures.text("graph/recent-media-page1.json"))));
        upstream.stubFor(get(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media"))
                .withQueryParam("after", equalTo("QVFIUmVjZW50UGFnZTI="))
                .willReturn(okJson(Fixtures.text("graph/recent-media-page2.json"))));
        upstream.stubFor(get(urlPathEqualTo(V + "/" + NIKE_ID + "/top_media"))
                .willReturn(okJson(Fixtures.text("graph/top-media.json"))));
        upstream.stubFor(get(urlPathMatching(V + "/\\d+"))
                .withQueryParam("fields", containing("business_discovery.username(nike)"))
                .willReturn(okJson(Fixtures.text("graph/business-discovery-nike.json"))));
    }

    @Override
    long posts() {
        return 6 + 2;
    }
}
