package io.onestore.simulator.world;

import java.time.Instant;

/**
 * The scripted campaign in world time.
 *
 * @param brand index of the brand whose tag spikes, -1 when the configured brand is not in the world
 */
public record CampaignWindow(int brand, String hashtag, Instant start, Instant end, double multiplier) {

    public boolean covers(int brandIndex, long epochSecond) {
        return brandIndex == brand && epochSecond >= start.getEpochSecond() && epochSecond < end.getEpochSecond();
    }
}
