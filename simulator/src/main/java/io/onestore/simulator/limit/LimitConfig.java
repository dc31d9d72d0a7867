package io.onestore.simulator.limit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LimitConfig {

    /** One limiter for all families: keys are prefixed by family, and the admin endpoint can clear it. */
    @Bean
    FixedWindowLimiter fixedWindowLimiter() {
        return new FixedWindowLimiter();
    }
}
