package io.onestore.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.query.config.QueryApiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class ApiKeyConfig {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyConfig.class);

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(QueryApiProperties properties, ObjectMapper json) {
        ApiKeys keys = ApiKeys.from(
                properties.security().apiKeys(), properties.security().keysFile());
        if (keys.isEmpty()) {
            // Fail closed: an API without keys answers 401 to everything but health, rather than serving anyone.
            log.warn(
                    "No API keys configured (ONESTORE_API_KEYS or onestore.security.keys-file): every request is refused");
        } else {
            log.info("{} API key(s) configured", keys.size());
        }
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys, json));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
