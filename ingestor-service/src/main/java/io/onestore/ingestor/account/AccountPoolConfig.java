package io.onestore.ingestor.account;

import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceSettings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The account pool from {@code onestore.sources.instagram.accounts-file}, its health ({@code accounts} component)
 * and its gauge. The clock is taken from the context when it has one, else the system's.
 */
@Configuration(proxyBeanMethods = false)
class AccountPoolConfig {

    @Bean
    AccountPool accountPool(IngestorProperties properties, ObjectProvider<Clock> clock) {
        SourceSettings.Instagram instagram = properties.sources().instagram();
        return new AccountPool(
                AccountsFile.load(instagram.accountsFile()),
                instagram.budget(),
                instagram.cooldown(),
                instagram.mode() == SourceSettings.Mode.GRAPH,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AccountPoolHealthIndicator accountsHealthIndicator(AccountPool pool) {
        return new AccountPoolHealthIndicator(pool);
    }

    @Bean
    AccountPoolMetrics accountPoolMetrics(AccountPool pool) {
        return new AccountPoolMetrics(pool);
    }
}
