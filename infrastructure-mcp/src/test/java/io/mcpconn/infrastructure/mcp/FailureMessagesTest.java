package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.testkit.servers.FreePorts;
import io.mcpconn.infrastructure.mcp.servers.HttpTestServer;
import io.mcpconn.infrastructure.mcp.servers.ScriptedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What fails, and how it is said: the reason, the fix, and never a secret. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureMessagesTest {

    private static final String RIGHT_KEY = "right-key-0123456789";
    private static final String WRONG_KEY = "wrong-key-9876543210";

    private final SdkMcpClient client = new SdkMcpClient("test");
    private HttpTestServer server;

    @BeforeAll
    void start() throws Exception {
        server = HttpTestServer.start(0, Optional.of(RIGHT_KEY));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sendsTheApiKeyInTheNamedHeader() {
        var session = client.open(Configs.http(server.url()).withApiKey(ApiKey.of(RIGHT_KEY).inHeader("X-Api-Key")),
                new RecordingListener());

        assertThat(session.listTools()).isNotEmpty();
        session.close();
    }

    @Test
    void reportsAWrongApiKeyWithoutRevealingIt() {
        var config = Configs.http(server.url() + "?token=url-secret-value").withApiKey(ApiKey.of(WRONG_KEY).inHeader("X-Api-Key"));

        var failure = open(config);

        assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(failure).hasMessageContaining("refused the api key (HTTP 401)")
                .hasMessageContaining(((HttpTransport) config.transport()).maskedUrl())
                .hasMessageContaining("X-Api-Key").hasMessageContaining("check the key");
        assertNoSecret(failure, WRONG_KEY, "url-secret-value");
    }

    @Test
    void reportsABearerKeyTheServerRefuses() {
        var failure = open(Configs.http(server.url()).withApiKey(ApiKey.of(WRONG_KEY)));

        assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(failure).hasMessageContaining("Authorization: Bearer");
        assertNoSecret(failure, WRONG_KEY);
    }

    @Test
    void reportsMissingCredentials() {
        var failure = open(Configs.http(server.url()));

        assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(failure).hasMessageContaining("no api key is configured");
    }

    @Test
    void reportsAWrongPathAsNotMcp() throws Exception {
        try (var scripted = ScriptedServer.http(ScriptedServer.Script.PAGES)) {
            var failure = open(Configs.http(scripted.url().replace("/mcp", "/nothing-here")));

            assertThat(failure.reason()).isEqualTo(Reason.PROTOCOL);
            assertThat(failure).hasMessageContaining("HTTP 404").hasMessageContaining("check its path");
        }
    }

    @Test
    void reportsAWebPageAsNotMcp() throws Exception {
        try (var scripted = ScriptedServer.http(ScriptedServer.Script.PAGES)) {
            var failure = open(Configs.http(scripted.url().replace("/mcp", "/html")));

            assertThat(failure.reason()).isEqualTo(Reason.PROTOCOL);
            assertThat(failure).hasMessageContaining("did not answer like an MCP server").hasMessageContaining("text/html");
        }
    }

    @Test
    void reportsNothingListeningAsUnreachable() {
        var failure = open(Configs.http("http://127.0.0.1:" + FreePorts.any() + "/mcp"));

        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(failure).hasMessageContaining("connection refused").hasMessageContaining("check that the server is running");
    }

    @Test
    void reportsACommandThatIsNotInstalled() {
        var failure = open(Configs.stdio(List.of("mcpconn-no-such-command", "--token=cmd-secret-value")));

        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(failure).hasMessageContaining("the command mcpconn-no-such-command")
                .hasMessageContaining("was not found on the PATH");
        assertNoSecret(failure, "cmd-secret-value");
    }

    @Test
    void reportsAMissingWorkingDirectory() {
        var failure = open(Configs.stdio(List.of("sh", "-c", "true"), Map.of(), Optional.of(Path.of("/no/such/directory"))));

        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(failure).hasMessageContaining("working directory /no/such/directory");
    }

    @Test
    void reportsAServerThatExitsAtOnceWithItsLastWords() {
        var config = Configs.stdio(List.of("sh", "-c", "echo \"cannot start: token $SERVICE_TOKEN was refused\" >&2; exit 3"),
                Map.of("SERVICE_TOKEN", "env-secret-value"), Optional.empty());

        long start = System.nanoTime();
        var failure = open(config);

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(Configs.TIMEOUT.dividedBy(3));
        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(failure).hasMessageContaining("ended before it answered the initialize request")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("cannot start: token " + ApiKey.MASK + " was refused");
        assertNoSecret(failure, "env-secret-value");
    }

    private McpClientException open(ConnectionConfig config) {
        return catchThrowableOfType(McpClientException.class, () -> client.open(config, new RecordingListener()));
    }

    // The message and every message in the cause chain: callers log whole chains.
    private static void assertNoSecret(Throwable failure, String... secrets) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (var secret : secrets) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            }
        }
    }
}
