package io.onestore.simulator.bluesky;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/** Serves the Jetstream stand-in at {@code /subscribe}, before the annotated controllers. */
@Configuration(proxyBeanMethods = false)
class JetstreamConfig {

    @Bean
    JetstreamEvents jetstreamEvents(World world, SimulatorProperties properties) {
        return new JetstreamEvents(world, properties.jetstream());
    }

    @Bean
    BlueskyActors blueskyActors(World world) {
        return new BlueskyActors(world);
    }

    @Bean
    HandlerMapping jetstreamMapping(JetstreamEvents events, SimulatorProperties properties, Clock clock) {
        return new SimpleUrlHandlerMapping(
                Map.of("/subscribe", new JetstreamHandler(events, properties.jetstream(), clock)), -1);
    }
}
