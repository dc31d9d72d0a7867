package io.onestore.query.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description (/v3/api-docs, Swagger UI at /swagger-ui.html) with the API-key scheme. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI onestoreOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("OneStore query API")
                        .version("v1")
                        .description("Campaign tracking and insights over the OneStore data lake. Errors are RFC 9457"
                                + " problems (application/problem+json) with a stable type URI under"
                                + " https://onestore.io/problems/. Times are UTC ISO-8601 instants.")
                        .license(new License().name("MIT")))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")
                                        .description("Keys come from ONESTORE_API_KEYS or a keys file. Scope 'read'"
                                                + " for GET, 'write' to create and delete campaigns; a key without a"
                                                + " scope has both.")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }
}
