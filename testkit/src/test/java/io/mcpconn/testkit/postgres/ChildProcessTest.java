package io.mcpconn.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.testkit.servers.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path directory;

    @Test
    void aChildOverItsTimeIsKilledWithWhatItStarted() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> ChildProcess.run(List.of("sh", "-c", "echo started; sleep 317 & wait"), Map.of(), directory,
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not finish within 1 s")
                .hasMessageContaining("started");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        // The shell and its sleep alike: commandLine() names the sleep by its full path, "/usr/bin/sleep 317".
        assertThat(ProcessHandle.allProcesses().filter(Processes::running)
                .map(p -> p.info().commandLine().orElse("")).filter(line -> line.contains("sleep 317"))).isEmpty();
    }

    @Test
    void muchOutputOnBothStreamsDoesNotBlockTheChild() {
        var outcome = ChildProcess.run(List.of("sh", "-c", "yes out | head -n 200000; yes err | head -n 200000 >&2"), Map.of(),
                directory, Duration.ofSeconds(30));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.stdout().lines()).hasSize(200000).allMatch("out"::equals);
        assertThat(outcome.stderr().lines()).hasSize(200000).allMatch("err"::equals);
    }

    @Test
    void aFailureShowsTheCommandItsCodeAndTheLastThirtyLinesOfEachStream() {
        var outcome = ChildProcess.run(List.of("sh", "-c", "seq 1 100; echo oops >&2; exit 4"), Map.of(), directory,
                Duration.ofSeconds(30));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.describe()).startsWith("sh -c seq 1 100; echo oops >&2; exit 4 exited with code 4")
                .contains("[... 70 lines before]\n" + IntStream.rangeClosed(71, 100).mapToObj(Integer::toString)
                        .collect(Collectors.joining("\n")))
                .contains("oops");
    }

    @Test
    void theChildSeesNoPgVariablesAndEnglishMessages() {
        var parent = Map.of("PATH", "/bin", "PGHOST", "elsewhere", "PGPASSFILE", "/root/.pgpass", "PGPASSWORD", "inherited",
                "LC_ALL", "de_DE.UTF-8", "LANG", "de_DE.UTF-8");

        assertThat(ChildProcess.environment(parent, Map.of("PGPASSWORD", "given")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/bin", "LANG", "de_DE.UTF-8", "LC_MESSAGES", "C",
                        "PGPASSWORD", "given"));
    }
}
