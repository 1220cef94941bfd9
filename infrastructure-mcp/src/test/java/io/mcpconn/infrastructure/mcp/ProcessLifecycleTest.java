package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.testkit.servers.Commands;
import io.mcpconn.testkit.servers.Processes;
import io.mcpconn.testkit.servers.ServerEverything;
import io.mcpconn.infrastructure.mcp.servers.TestServerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stdio server is started with, and that closing a session leaves no process behind. */
class ProcessLifecycleTest {

    private static final Duration CLOSE_BOUND = StdioLink.EOF_GRACE.plus(StdioLink.TERM_GRACE).plusMillis(1500);

    private final SdkMcpClient client = new SdkMcpClient("test");

    @TempDir
    Path workingDirectory;

    @Test
    void startsTheServerWithOnlyItsOwnEnvironmentInItsWorkingDirectory() throws Exception {
        // Set by the build for this JVM: what a runtime holds and a server must not see.
        assertThat(System.getenv("MCPCONN_TEST_SECRET")).isEqualTo("runtime-secret-value");
        var realDirectory = workingDirectory.toRealPath();
        var session = client.open(Configs.stdio(Commands.java(TestServerMain.class.getName(), "stdio"),
                Map.of("DECLARED_VARIABLE", "declared-value"), Optional.of(realDirectory)), new RecordingListener());

        var names = List.of(session.callTool("env", JsonObject.EMPTY).text().split(","));
        var declared = session.callTool("env", JsonValue.object(Map.of("name", JsonValue.string("DECLARED_VARIABLE")))).text();
        var directory = session.callTool("cwd", JsonObject.EMPTY).text();
        session.close();

        assertThat(names).doesNotContain("MCPCONN_TEST_SECRET").contains("PATH", "DECLARED_VARIABLE")
                .allMatch(name -> name.equals("DECLARED_VARIABLE") || ChildEnvironment.inherited(name, false));
        assertThat(declared).isEqualTo("declared-value");
        assertThat(directory).isEqualTo(realDirectory.toString());
    }

    @Test
    void closesAWellBehavedServerGracefully() {
        var session = (SdkMcpSession) client.open(Configs.everything(), new RecordingListener());
        var tree = session.processTree().orElseThrow().members();

        long start = System.nanoTime();
        var outcome = session.close();
        var took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(outcome.graceful()).isTrue();
        assertThat(took).isLessThan(StdioLink.EOF_GRACE.plusMillis(400));
        assertThat(Processes.awaitGone(tree, Duration.ofMillis(200))).isEmpty();
        assertThat(session.close()).isSameAs(outcome);
    }

    @Test
    void killsAServerThatIgnoresSigtermAndTheEndOfItsInputWithinABoundedTime() {
        var session = (SdkMcpSession) client.open(Configs.stdio(ServerEverything.stubbornStdioCommand()), new RecordingListener());
        var tree = session.processTree().orElseThrow().members();
        session.listTools();

        long start = System.nanoTime();
        var outcome = session.close();
        var took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(outcome.graceful()).isFalse();
        assertThat(outcome.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("killed"));
        assertThat(took).isBetween(StdioLink.EOF_GRACE.plus(StdioLink.TERM_GRACE), CLOSE_BOUND);
        assertThat(Processes.awaitGone(tree, Duration.ofMillis(200))).as(Processes.describe(tree)).isEmpty();
    }

    @Test
    void endsTheWholeTreeBehindAWrapperWhoseChildIgnoresSignals() {
        // sh stays the parent of node, as npx does; node ignores SIGTERM and the end of its input.
        var session = (SdkMcpSession) client.open(Configs.wrapped(ServerEverything.stubbornStdioCommand()), new RecordingListener());
        var tree = session.processTree().orElseThrow().members();
        session.listTools();

        var outcome = session.close();

        assertThat(tree).hasSizeGreaterThanOrEqualTo(2);
        assertThat(outcome.graceful()).isFalse();
        assertThat(Processes.awaitGone(tree, Duration.ofMillis(200))).as(Processes.describe(tree)).isEmpty();
    }

    @Test
    void endsTheOrphansOfAWrapperThatDies() throws Exception {
        // The wrapper runs the server as a background job (on our stdin: sh gives such jobs /dev/null);
        // when the wrapper dies the server is re-parented to init, out of reach of the wrapper's
        // descendants, but still in the session's process group.
        var stubborn = new StringBuilder();
        ServerEverything.stubbornStdioCommand().forEach(word -> stubborn.append('\'').append(word).append("' "));
        var listener = new RecordingListener();
        var session = (SdkMcpSession) client.open(Configs.stdio(List.of("sh", "-c", "exec 3<&0; " + stubborn + "<&3 & wait")), listener);
        var tree = session.processTree().orElseThrow().members();
        session.listTools();

        var wrapper = ProcessHandle.of(session.processTree().orElseThrow().pid()).orElseThrow();
        wrapper.destroyForcibly();

        assertThat(listener.awaitLost(Duration.ofSeconds(5))).contains("exited with code 137");
        assertThat(tree).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Processes.awaitGone(tree, CLOSE_BOUND)).as(Processes.describe(tree)).isEmpty();
        session.close();
    }

    @Test
    void leavesNothingOfARealNpxBehind() {
        var npx = Commands.require("npx", "npx comes with npm; install Node.js 18 or later with npm");
        var installed = ServerEverything.entryPoint();
        var session = (SdkMcpSession) client.open(Configs.stdio(List.of(npx, "--no-install", "mcp-server-everything", "stdio"),
                Map.of(), Optional.of(ServerEverything.installDirectory())), new RecordingListener());
        var tree = session.processTree().orElseThrow().members();

        assertThat(session.listTools()).isNotEmpty();
        session.close();

        assertThat(installed).exists();
        assertThat(tree).as("npx runs the server as a child").hasSizeGreaterThanOrEqualTo(2);
        assertThat(Processes.awaitGone(tree, Duration.ofMillis(200))).as(Processes.describe(tree)).isEmpty();
    }
}
