package io.onestore.ingestor;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestorApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--rescore")) {
            // A one-off command (docs/ingestor-indexing.md, "Re-scoring sentiment"): no schedule, no web server;
            // the command runs while the context starts, and the process exits when it is done.
            ConfigurableApplicationContext done = new SpringApplicationBuilder(IngestorApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("onestore.ingest.schedule.enabled=false")
                    .run(args);
            System.exit(SpringApplication.exit(done));
        }
        SpringApplication.run(IngestorApplication.class, args);
    }
}
