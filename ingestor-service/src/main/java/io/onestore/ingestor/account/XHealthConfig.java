package io.onestore.ingestor.account;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * X in health, group {@code x}: {@code xAccounts} (each token's state; a token out of credit is out of rotation with
 * the reason) and {@code xSpend} (today's spend in total and per target, and the ceiling). Present whether or not X
 * is enabled, so the group always has its members; disabled, both say so as {@code UNKNOWN}.
 */
@Configuration(proxyBeanMethods = false)
class XHealthConfig {

    @Bean
    HealthIndicator xAccountsHealthIndicator(ObjectProvider<XAccounts> accounts) {
        return () -> {
            XAccounts x = accounts.getIfAvailable();
            return x == null ? disabled() : new AccountPoolHealthIndicator(x.pool()).health();
        };
    }

    @Bean
    HealthIndicator xSpendHealthIndicator(ObjectProvider<XAccounts> accounts) {
        return () -> {
            XAccounts x = accounts.getIfAvailable();
            return x == null
                    ? disabled()
                    : Health.up().withDetails(Map.copyOf(x.spend().today())).build();
        };
    }

    private static Health disabled() {
        return Health.unknown()
                .withDetail("message", "X is not enabled (onestore.sources.x.enabled)")
                .build();
    }
}
