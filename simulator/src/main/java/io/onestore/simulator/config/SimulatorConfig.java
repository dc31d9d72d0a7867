package io.onestore.simulator.config;

import io.onestore.simulator.world.World;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SimulatorConfig {

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfig.class);

    /** The simulated "now". Tests replace this bean with a fixed or mutable clock. */
    @Bean
    @ConditionalOnMissingBean
    Clock simulatorClock(SimulatorProperties properties) {
        if (properties.clockRate() > 0 && properties.clockRate() != 1) {
            Instant start = properties.fixedTime() != null ? properties.fixedTime() : Instant.now();
            return new ScaledClock(start, properties.clockRate());
        }
        if (properties.fixedTime() == null) {
            return Clock.systemUTC();
        }
        return properties.clockRate() == 1
                ? Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), properties.fixedTime()))
                : Clock.fixed(properties.fixedTime(), ZoneOffset.UTC);
    }

    /**
     * The origin is midnight UTC of the start-up day minus the history, so restarting the same day with the same seed
     * gives the same world, and the back-filled history makes every chart full at once.
     */
    @Bean
    World world(SimulatorProperties properties, Clock clock) {
        Instant origin = properties.origin() != null
                ? properties.origin()
                : clock.instant()
                        .truncatedTo(ChronoUnit.DAYS)
                        .minus(properties.world().history());
        World world = new World(properties.seed(), properties.world(), properties.campaign(), origin);
        log.info(
                "World seed {} from {}: {} authors, brands {}, campaign on #{} with #{} from {} to {}",
                properties.seed(),
                origin,
                world.authors().all().size(),
                properties.world().brands().stream()
                        .map(SimulatorProperties.Brand::tag)
                        .toList(),
                properties.campaign().brand(),
                world.campaign().hashtag(),
                world.campaign().start(),
                world.campaign().end());
        return world;
    }
}
