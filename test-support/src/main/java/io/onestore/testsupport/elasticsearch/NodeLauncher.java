package io.onestore.testsupport.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts the node's command so that it dies with the test JVM and, as root, runs as an unprivileged user: through
 * {@code setpriv --pdeathsig SIGTERM}, forked from a thread that lives as long as the node.
 */
final class NodeLauncher {

    private NodeLauncher() {}

    /** Starts {@code builder}'s command behind the setpriv prefix; {@code instance} is handed to the node's user. */
    static Process launch(ProcessBuilder builder, Path instance) throws IOException {
        List<String> command = new ArrayList<>(launcherPrefix(instance));
        command.addAll(builder.command());
        builder.command(command);
        return launchFromLongLivedThread(builder);
    }

    /**
     * Elasticsearch refuses to run as root. As root we hand the instance folder to an unprivileged user and drop to
     * it with setpriv; either way setpriv's --pdeathsig ties the node's life to the launching thread.
     */
    private static List<String> launcherPrefix(Path instance) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
        List<String> prefix = new ArrayList<>();
        if (setpriv) {
            prefix.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "SIGTERM"));
        }
        if (root) {
            if (!setpriv) {
                throw new ElasticsearchStartException(
                        "running as root needs /usr/bin/setpriv (util-linux) to start Elasticsearch as another user");
            }
            String user = Settings.get("onestore.es.user", "nobody");
            String uid = run("id", "-u", user);
            String gid = run("id", "-g", user);
            chownTree(instance, user);
            prefix.addAll(List.of("--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        }
        return prefix;
    }

    /**
     * PR_SET_PDEATHSIG fires when the *thread* that forked the child ends, not the JVM. A dedicated daemon thread
     * forks and then waits for the node for as long as it lives, so the signal comes exactly when the JVM dies.
     */
    private static Process launchFromLongLivedThread(ProcessBuilder builder) {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread launcher = new Thread(
                () -> {
                    try {
                        Process p = builder.start();
                        started.complete(p);
                        p.waitFor();
                    } catch (IOException e) {
                        started.completeExceptionally(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "elasticsearch-launcher");
        launcher.setDaemon(true);
        launcher.start();
        try {
            return started.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ElasticsearchStartException("cannot launch Elasticsearch: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ElasticsearchStartException("launching Elasticsearch did not return within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchStartException("interrupted while launching Elasticsearch", e);
        }
    }

    private static void chownTree(Path root, String user) throws IOException {
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        var owner = lookup.lookupPrincipalByName(user);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Files.setOwner(p, owner);
            }
        }
        ElasticsearchDistribution.openUp(root);
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new ElasticsearchStartException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchStartException("interrupted running " + String.join(" ", command), e);
        }
    }
}
