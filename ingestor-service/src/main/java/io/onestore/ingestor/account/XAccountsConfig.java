package io.onestore.ingestor.account;

import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.config.XSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * X's token pool from {@code onestore.sources.x.accounts-file} and its spend ceiling; only when X is enabled. Their
 * health is {@link XHealthConfig}'s.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "onestore.sources.x", name = "enabled", havingValue = "true")
class XAccountsConfig {

    /** The id the environment's bearer token goes by in the pool, in health and in logs (never the token). */
    static final String ENV_TOKEN_ID = "env";

    @Bean
    XAccounts xAccounts(IngestorProperties properties, ObjectProvider<Clock> clocks, MeterRegistry meters) {
        XSettings x = properties.sources().x();
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        List<Account> tokens = new ArrayList<>();
        if (x.accountsFile() != null) {
            tokens.addAll(AccountsFile.load(x.accountsFile()));
        }
        if (x.bearerToken() != null && !x.bearerToken().isBlank()) {
            tokens.add(new Account(ENV_TOKEN_ID, x.bearerToken().strip(), null));
        }
        // Its own pool: each account's call window is the pool's own, so ids that repeat Instagram's never collide.
        AccountPool pool = new AccountPool(
                tokens,
                new SourceSettings.Budget(
                        x.budget().callsPerWindow(), x.budget().window(), 1, Duration.ofDays(7)),
                new SourceSettings.Cooldown(x.cooldown(), x.cooldown()),
                false,
                clock);
        return new XAccounts(pool, new SpendCeiling(x.spend(), clock, meters));
    }
}
