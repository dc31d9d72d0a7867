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
}
