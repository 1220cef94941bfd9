package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.testkit.servers.Commands;
import io.mcpconn.testkit.servers.ServerEverything;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SDK 2.1.0's stdio transport keeps a JVM alive forever; a JVM using this adapter ends once its sessions are closed. */
class JvmExitTest {

    @TempDir
    Path temp;

    @Test
    void theJvmEndsAfterItsSessionsAreClosed() throws Exception {
        try (var http = ServerEverything.startHttp()) {
            var output = temp.resolve("child.out");
            var child = new ProcessBuilder(Commands.java(CloseAndExitMain.class.getName(), http.url()))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();

            boolean exited = child.waitFor(30, TimeUnit.SECONDS);
            long exitedAt = System.currentTimeMillis();
            if (!exited) {
                child.destroyForcibly();
            }
            var printed = Files.readString(output);

            assertThat(exited).as("the child JVM exited; it printed:%n%s", printed).isTrue();
            assertThat(child.exitValue()).as(printed).isZero();
            assertThat(printed).contains("main returns").contains("http closed: CloseOutcome[graceful=true")
                    .doesNotContain("non-daemon thread:");
            long returnedAt = Long.parseLong(printed.replaceAll("(?s).*main returns at (\\d+).*", "$1"));
            // Nothing lingers once main returns: the JVM shuts down at once.
            assertThat(exitedAt - returnedAt).isLessThan(2000);
        }
    }
}
