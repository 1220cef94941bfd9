package io.mcpconn.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.testkit.servers.Commands;
import io.mcpconn.testkit.servers.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownHookTest {

    @Test
    void clustersLeftRunningAreStoppedAndDeletedWhenTheJvmExits() throws IOException, InterruptedException {
        var process = new ProcessBuilder(Commands.java(ClustersAtExit.class.getName())).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        var lines = output.strip().lines().toList();
        assertThat(lines).as(output).hasSize(2);
        for (var line : lines) {
            var directory = Path.of(line.substring(0, line.indexOf(' ')));
            assertThat(directory).as("the cluster directory " + directory).doesNotExist();
            assertThat(serversOf(directory)).isEmpty();
        }
    }

    private static List<String> serversOf(Path directory) {
        return ProcessHandle.allProcesses().filter(Processes::running)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(directory.toString()))
                .toList();
    }
}
