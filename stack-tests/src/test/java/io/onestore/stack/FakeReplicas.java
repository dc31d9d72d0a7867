package io.onestore.stack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for query-api replicas with exactly the behaviour a retry test needs: one answers everything with 200
 * and counts requests per method, the other reads each request and drops the connection without an answer (a replica
 * dying mid-request).
 */
final class FakeReplicas {

    private FakeReplicas() {}

    /** Answers every request with 200 and {@code {"ok":true}}. */
    static final class Healthy implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, AtomicInteger> byMethod = new ConcurrentHashMap<>();

        Healthy() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byMethod.computeIfAbsent(exchange.getRequestMethod(), m -> new AtomicInteger())
                        .incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String hostPort() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        int requests(String method) {
            AtomicInteger count = byMethod.get(method);
            return count == null ? 0 : count.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Accepts connections, reads the request head and closes the socket without answering. */
    static final class Dropping implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        Dropping() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::acceptLoop, "dropping-replica");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                    InputStream in = connection.getInputStream();
                    byte[] buffer = new byte[1024];
                    connection.setSoTimeout(1000);
                    in.read(buffer); // the request line and headers arrive first; then drop the connection
                } catch (SocketException e) {
                    // closed by close() or reset by nginx: both end the exchange
                } catch (IOException e) {
                    // a read timeout: drop the connection all the same
                }
            }
        }

        String hostPort() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
