package io.onestore.query.config;

import co.elastic.clients.json.JsonpMapper;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configured Elasticsearch client reads documents the way the contract wrote them, over a connection pool
 * sized by {@code onestore.elasticsearch.*}.
 */
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

    @Bean
    RestClientBuilderCustomizer connectionPool(QueryApiProperties properties) {
        QueryApiProperties.Elasticsearch pool = properties.elasticsearch();
        return new RestClientBuilderCustomizer() {
            @Override
            public void customize(RestClientBuilder builder) {}

            @Override
            public void customize(HttpAsyncClientBuilder builder) {
                builder.setMaxConnPerRoute(pool.maxConnectionsPerNode()).setMaxConnTotal(pool.maxConnections());
            }
        };
    }
}
