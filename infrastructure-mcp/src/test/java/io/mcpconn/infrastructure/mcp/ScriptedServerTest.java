package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.infrastructure.mcp.servers.ScriptedServer;
import io.mcpconn.infrastructure.mcp.servers.ScriptedServer.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tool listing against a hand-written server (the SDK's server cannot paginate): every page is
 * followed, and a server that never stops paginating or lists unusable tools is refused clearly.
 */
class ScriptedServerTest {

    private final SdkMcpClient client = new SdkMcpClient("test");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void followsEveryPage(String transport) throws Exception {
        withSession(transport, Script.PAGES, session -> assertThat(session.listTools()).extracting(Tool::name)
                .containsExactly("tool-1a", "tool-1b", "tool-2a", "tool-2b", "tool-3a", "tool-3b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void refusesAServerThatRepeatsACursor(String transport) throws Exception {
        withSession(transport, Script.REPEATING_CURSOR, session -> assertThatThrownBy(session::listTools)
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                .hasMessageContaining("same pagination cursor \"page-2\" twice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    @Timeout(60)
    void stopsAServerThatPaginatesForever(String transport) throws Exception {
        withSession(transport, Script.ENDLESS, session -> assertThatThrownBy(session::listTools)
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                .hasMessageContaining("after " + ToolListing.MAX_PAGES + " pages"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void refusesDuplicateToolNamesNamingTheTool(String transport) throws Exception {
        withSession(transport, Script.DUPLICATE_NAMES, session -> assertThatThrownBy(session::listTools)
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                .hasMessageContaining("\"twin\" is listed more than once"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void refusesAToolTheDomainRefusesNamingIt(String transport) throws Exception {
        withSession(transport, Script.INVALID_NAME, session -> assertThatThrownBy(session::listTools)
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                .hasMessageContaining("the tool \"has space\"").hasMessageContaining("whitespace"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void timesOutAServerThatNeverAnswersInitialize(String transport) throws Exception {
        var timeout = Duration.ofSeconds(1);
        try (var http = ScriptedServer.http(Script.SILENT)) {
            var config = (transport.equals("http") ? Configs.http(http.url())
                    : Configs.scripted(Script.SILENT, temp.resolve("silent.log"))).withTimeout(timeout);

            long start = System.nanoTime();
            assertThatThrownBy(() -> client.open(config, new RecordingListener()))
                    .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("initialize").hasMessageContaining("timeout of 1 s");
            var took = Duration.ofNanos(System.nanoTime() - start);

            // The timeout itself, plus starting a JVM for stdio and the bounded clean-up.
            assertThat(took).isBetween(timeout, timeout.plusMillis(2500));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void reportsAJsonRpcErrorAsAServerError(String transport) throws Exception {
        // This server answers every tools/call with JSON-RPC error -32601.
        withSession(transport, Script.PAGES, session -> assertThatThrownBy(() -> session.callTool("tool-1a", JsonObject.EMPTY))
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR))
                .hasMessageContaining("-32601").hasMessageContaining("no tools/call here"));
    }

    @Test
    void keepsTheSessionOfAServerThatDropsOneAnswer() throws Exception {
        var listener = new RecordingListener();
        try (var http = ScriptedServer.http(Script.DROPS_CALLS)) {
            var session = client.open(Configs.http(http.url()), listener);

            assertThatThrownBy(() -> session.callTool("anything", JsonObject.EMPTY))
                    .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                    .hasMessageContaining("dropped the connection").hasMessageContaining("session stays open");
            session.ping();
            session.close();
        }
        assertThat(listener.lost).isEmpty();
    }

    @Test
    void leavesAToolsChangeToTheApplicationInsteadOfListingItself() throws Exception {
        // This server announces a change and repeats its cursor: the SDK's own handler of the
        // announcement would list its tools forever before telling anyone.
        var log = temp.resolve("methods.log");
        var listener = new RecordingListener();
        var session = client.open(Configs.scripted(Script.REPEATING_CURSOR, log), listener);

        session.ping();

        assertThat(listener.awaitToolsChanged(1, Duration.ofSeconds(5))).isTrue();
        Thread.sleep(300);
        var methods = Files.readAllLines(log);
        session.close();
        assertThat(methods).containsExactly("initialize", "notifications/initialized", "ping");
        assertThat(listener.toolsChanged).hasValue(1);
    }

    private void withSession(String transport, Script script, Consumer<io.mcpconn.application.mcp.McpSession> test) throws Exception {
        try (var http = ScriptedServer.http(script)) {
            ConnectionConfig config = transport.equals("http") ? Configs.http(http.url())
                    : Configs.scripted(script, temp.resolve(script + ".log"));
            var session = client.open(config, new RecordingListener());
            try {
                test.accept(session);
            } finally {
                session.close();
            }
        }
    }
}
