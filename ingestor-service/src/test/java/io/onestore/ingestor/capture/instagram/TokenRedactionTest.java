package io.onestore.ingestor.capture.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountPoolHealthIndicator;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.targets.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Tokens travel in cookies and (Graph) in the query string, so any line that quotes a request leaks one. Every
 * failure path is driven here and nothing the fetcher, the pool or health produce may contain a token.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenRedactionTest {

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final List<Account> ACCOUNTS = List.of(
            new Account("a1", "SECRET-TOKEN-ONE", "17841400000000001"),
            new Account("a2", "SECRET-TOKEN-TWO", "17841400000000002"),
            new Account("a3", "SECRET-TOKEN-THREE", "17841400000000003"),
            new Account("a4", "SECRET-TOKEN-FOUR", "17841400000000004"));

    @Test
    void noTokenInLogsResultsOrHealthWhateverGoesWrong(CapturedOutput output) {
        List<Object> produced = new ArrayList<>();
        for (SourceSettings.Mode mode : SourceSettings.Mode.values()) {
            upstream.resetAll();
            upstream.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
            stubFor(ACCOUNTS.get(0), aResponse().withStatus(429).withHeader("Retry-After", "30"));
            stubFor(ACCOUNTS.get(1), aResponse().withStatus(302).withHeader("Location", "/accounts/login/"));
            stubFor(
                    ACCOUNTS.get(2),
                    aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190}}"));
            stubFor(ACCOUNTS.get(3), okJson("{\"truncated\": "));
            FetcherRig rig = new FetcherRig(mode, upstream.baseUrl(), ACCOUNTS);

            produced.add(
                    rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block());
            produced.add(
                    rig.fetcher.fetch(Target.profile("nike"), FetcherRig.START).block());
            produced.add(rig.pool.view());
            produced.add(new AccountPoolHealthIndicator(rig.pool).health());
            produced.add(ACCOUNTS);
        }

        assertThat(produced).anySatisfy(p -> assertThat(p).isInstanceOf(CaptureResult.Failed.class));
        String everything = output.getAll() + produced;
        for (Account account : ACCOUNTS) {
            assertThat(everything).doesNotContain(account.token());
        }
        assertThat(output.getAll()).contains("a1").contains("out of rotation");
    }

    /** Matches an account's calls however the mode sends the token: cookie (legacy, web) or query (graph). */
    static void stubFor(Account account, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        upstream.stubFor(
                any(anyUrl()).withCookie("sessionid", equalTo(account.token())).willReturn(response));
        upstream.stubFor(any(anyUrl())
                .withQueryParam("access_token", equalTo(account.token()))
                .willReturn(response));
    }
}
