package io.onestore.testsupport.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The distribution path of the harness, which must work whatever ONESTORE_ES_URL says. */
class ElasticsearchProcessLifecycleTest {

    @Test
    void nodeIsGoneAfterTheJvmThatStartedItExits() throws Exception {
        assertChildLeavesNothingBehind("exit");
    }

    @Test
    void nodeIsGoneEvenWhenTheJvmSkipsItsShutdownHooks() throws Exception {
        assertChildLeavesNothingBehind("halt");
    }

    @Test
    void aNodeThatCannotStartFailsWithTheReasonAndItsLogTail() {
        assertThatThrownBy(() -> ElasticsearchProcess.start(
                                ElasticsearchDistribution.fromEnvironment(), List.of("no.such.setting=1"))
                        .close())
                .isInstanceOf(ElasticsearchStartException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("no.such.setting");
    }

    private static void assertChildLeavesNothingBehind(String how) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Donestore.es.zip=" + System.getProperty("onestore.es.zip", ""),
                        "-Donestore.es.version="
                                + System.getProperty("onestore.es.version", ElasticsearchDistribution.DEFAULT_VERSION),
                        StartNodeAndExit.class.getName(),
                        how)
                .redirectErrorStream(true);
        builder.environment().remove("ONESTORE_ES_URL");
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(240, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();

        Map<String, String> printed = output.lines()
                .filter(l -> l.startsWith("URL=") || l.startsWith("PIDS="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        assertThat(printed).as(output).containsKeys("URL", "PIDS");
        List<Long> pids = Arrays.stream(printed.get("PIDS").split(","))
                .filter(s -> !s.isBlank())
                .map(Long::parseLong)
                .toList();
        assertThat(pids).as("the node's processes").isNotEmpty();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && pids.stream().anyMatch(ElasticsearchProcessLifecycleTest::alive)) {
            Thread.sleep(200); // polling foreign processes' exit: no handle to wait on
        }
        assertThat(pids).noneMatch(ElasticsearchProcessLifecycleTest::alive);
        assertThat(ClusterHealth.isReady(printed.get("URL"))).isFalse();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
