package io.onestore.testsupport.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for the processes tests start.
 *
 * <p>Ports are picked below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}, 32768-60999
 * on Linux by default), never with {@code bind(0)}. A port from {@code bind(0)} is an ephemeral one: between our pick
 * and the child's bind, any outgoing connection on the machine (a test client, the ingestor talking to Elasticsearch)
 * may get it as its local port, and the child then fails with "Port … already in use". That happened in a clean-clone
 * run with the compose stack beside the tests. Below the range only another listener can take the port, and picking at
 * random makes two pickers' clash unlikely.
 */
public final class FreePort {

    /** Lowest port picked: above the well-known and the usual development ports (8080, 9200...). */
    static final int LOWEST = 10_000;
    /**
     * One past the highest port picked, unless the ephemeral range starts lower: below the blocks the smoke script
     * (19400 up) and the compose script (20000-29999) take, so the three never meet.
     */
    static final int HIGHEST = 19_000;

    private static final int ATTEMPTS = 200;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePort() {}

    /**
     * A loopback port free right now, outside the ephemeral range (see the class comment); only another listener can
     * take it before ours binds.
     *
     * @throws IllegalStateException when no port of the range binds in {@value #ATTEMPTS} random attempts
     */
    public static int pick() {
        int end = Math.min(HIGHEST, ephemeralLow());
        if (end - LOWEST < 1_000) {
            // A kernel whose ephemeral range starts this low leaves no safe block: take one of its ports.
            return bindAny();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
            if (binds(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in [" + LOWEST + ", " + end + ")");
    }

    /** Whether something accepts a TCP connection on {@code 127.0.0.1:port} within 200 ms. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range; Linux's default when it cannot be read (not Linux). */
    static int ephemeralLow() {
        // Read as a line: Files.readString trusts the size procfs reports and returns a single character here.
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean binds(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int bindAny() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
