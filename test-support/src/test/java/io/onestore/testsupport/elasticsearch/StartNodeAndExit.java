package io.onestore.testsupport.elasticsearch;

/**
 * Run in a child JVM by {@link ElasticsearchProcessLifecycleTest}: starts the shared server from the distribution,
 * prints the node's process ids and URL, and exits without stopping it itself; the shutdown hook must.
 */
public final class StartNodeAndExit {

    public static void main(String[] args) {
        System.setProperty("onestore.es.mode", "distribution");
        ElasticsearchTestServer server = ElasticsearchTestServer.global();
        StringBuilder pids = new StringBuilder();
        ProcessHandle.current().descendants().forEach(p -> pids.append(p.pid()).append(','));
        System.out.println("URL=" + server.url());
        System.out.println("PIDS=" + pids);
        System.out.flush();
        if (args.length > 0 && args[0].equals("halt")) {
            Runtime.getRuntime().halt(0); // skips shutdown hooks: only setpriv's parent-death signal is left
        }
        System.exit(0);
    }
}
