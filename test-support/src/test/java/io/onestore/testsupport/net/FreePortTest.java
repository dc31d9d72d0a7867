package io.onestore.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void aPickedPortAcceptsOnlyOnceSomethingListens() throws Exception {
        int port = FreePort.pick();
        assertThat(FreePort.accepts(port)).isFalse();
        try (ServerSocket listening = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(FreePort.accepts(port)).isTrue();
        }
    }

    /**
     * A port from the ephemeral range can be taken by any outgoing connection before the child binds it (a clean-clone
     * run lost a service to "Port 40133 was already in use"), so picks stay below the range.
     */
    @Test
    void picksStayBelowTheEphemeralRange() {
        int ephemeralLow = FreePort.ephemeralLow();
        for (int i = 0; i < 50; i++) {
            assertThat(FreePort.pick())
                    .isGreaterThanOrEqualTo(FreePort.LOWEST)
                    .isLessThan(Math.min(FreePort.HIGHEST, ephemeralLow));
        }
    }
}
