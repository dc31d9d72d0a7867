package io.onestore.query.config;

import co.elastic.clients.json.JsonpMapper;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configured Elasticsearch client reads documents the way the contract wrote them. */
@Configuration(proxyBeanMethods = false)
class ElasticsearchConfig {

    @Bean
    JsonpMapper contractJsonpMapper() {
        return ContractJson.jsonpMapper();
    }

    @Bean
    IndexNames indexNames(QueryApiProperties properties) {
        return new IndexNames(properties.index().prefix());
    }
}
