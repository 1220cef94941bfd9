package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.testkit.servers.Commands;
import io.mcpconn.testkit.servers.FreePorts;
import io.mcpconn.testkit.servers.Processes;
import io.mcpconn.testkit.servers.RunningServer;
import io.mcpconn.infrastructure.mcp.servers.HttpTestServer;
import io.mcpconn.infrastructure.mcp.servers.TestServerMain;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Servers that die or dawdle: the session notices, says so once, and leaves nothing behind. */
class SessionLossTest {

    private final SdkMcpClient client = new SdkMcpClient("test");

    @Test
    void noticesAStdioServerThatCrashesMidSession() {
        var listener = new RecordingListener();
        var session = (SdkMcpSession) client.open(Configs.sdkServer(), listener);
        var tree = session.processTree().orElseThrow().members();

        long start = System.nanoTime();
        // The call that crashes the server is still waiting when it dies: it fails at once, not after the timeout.
        assertThatThrownBy(() -> session.callTool("crash", JsonObject.EMPTY))
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_CLOSED))
                .hasMessageContaining("exited with code 3");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Configs.TIMEOUT.dividedBy(3));

        var cause = listener.awaitLost(Duration.ofSeconds(5));
        assertThat(cause).contains("exited with code 3").contains("crashing on purpose");
        assertThat(Processes.awaitGone(tree, Duration.ofSeconds(5))).isEmpty();
        assertThatThrownBy(session::ping)
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_CLOSED))
                .hasMessageContaining("exited with code 3");
        var outcome = session.close();
        assertThat(outcome.graceful()).isFalse();
        assertThat(outcome.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("already ended"));
        assertThat(listener.lost).hasSize(1);
    }

    @Test
    void noticesAnHttpServerThatCrashesMidSession() {
        int port = FreePorts.any();
        try (var server = RunningServer.start(new ProcessBuilder(Commands.java(TestServerMain.class.getName(), "http",
                Integer.toString(port))), port, "/mcp", Duration.ofSeconds(30))) {
            var listener = new RecordingListener();
            var session = client.open(Configs.http(server.url()), listener);
            session.listTools();

            long start = System.nanoTime();
            assertThatThrownBy(() -> session.callTool("crash", JsonObject.EMPTY))
                    .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_CLOSED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Configs.TIMEOUT.dividedBy(3));

            assertThat(listener.awaitLost(Duration.ofSeconds(5))).isNotNull();
            assertThatThrownBy(session::ping)
                    .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_CLOSED));
            assertThat(session.close().graceful()).isFalse();
            assertThat(listener.lost).hasSize(1);
        }
    }

    @Test
    void reportsNoLossAfterItsOwnClose() throws Exception {
        var listener = new RecordingListener();
        var server = HttpTestServer.start(0, Optional.empty());
        var session = client.open(Configs.http(server.url()), listener);

        assertThat(session.close().graceful()).isTrue();
        server.close();
        Thread.sleep(300);

        assertThat(listener.lost).isEmpty();
        assertThatThrownBy(session::ping)
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_CLOSED));
    }

    @Test
    void timesOutASlowToolAndStaysUsable() throws Exception {
        try (var server = HttpTestServer.start(0, Optional.empty())) {
            var session = client.open(Configs.http(server.url()).withTimeout(Duration.ofSeconds(1)), new RecordingListener());

            long start = System.nanoTime();
            assertThatThrownBy(() -> session.callTool("slow", JsonValue.object(Map.of("millis", JsonValue.number(2000)))))
                    .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("timeout of 1 s");
            var took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
            session.ping();
            session.close();
        }
    }
}
