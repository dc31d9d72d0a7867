package io.onestore.ingestor.config;

import co.elastic.clients.json.JsonpMapper;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configured Elasticsearch client writes documents the way the contract says (ISO dates, snake_case). */
@Configuration(proxyBeanMethods = false)
class ElasticsearchConfig {

    @Bean
    JsonpMapper contractJsonpMapper() {
        return ContractJson.jsonpMapper();
    }

    @Bean
    IndexNames indexNames(IngestorProperties properties) {
        return new IndexNames(properties.index().prefix());
    }
}
