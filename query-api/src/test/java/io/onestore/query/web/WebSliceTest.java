package io.onestore.query.web;

import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.security.ApiKeyConfig;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * What every {@code @WebMvcTest} slice adds: the API-key filter with three keys (read only, write only, both) and
 * the properties. Same annotations everywhere, so slices with the same controllers share their context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(ApiKeyConfig.class)
@EnableConfigurationProperties(QueryApiProperties.class)
@TestPropertySource(
        properties = "onestore.security.api-keys=" + WebSliceTest.READ + ":read," + WebSliceTest.WRITE + ":write,"
                + WebSliceTest.ADMIN)
public @interface WebSliceTest {
    String READ = "reader-key";
    String WRITE = "writer-key";
    String ADMIN = "admin-key";
}
