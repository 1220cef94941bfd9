package io.mcpconn.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionView.Where;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.application.tool.CallToolCommand;
import io.mcpconn.application.tool.InvalidToolArgumentsException;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.servers.Processes;
import io.mcpconn.testkit.servers.ServerEverything;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point a runtime embeds, against MCP's reference server and a real SQLite file. */
class McpconnTest {

    private static final Namespace TEAM = Namespace.of("team-a");
    private static final AgentId AGENT = AgentId.of("agent-7");
    private static final ConnectionRef EVERYTHING = ConnectionRef.named("everything");

    @TempDir
    Path directory;

    static ConnectionConfig stdioEverything() {
        var command = ServerEverything.stdioCommand();
        return ConnectionConfig.of(new StdioTransport(command.get(0), command.subList(1, command.size()), Map.of(),
                Optional.empty())).withRetryAttempts(0);
    }

    private static JsonValue.JsonObject args(Map<String, JsonValue> members) {
        return JsonValue.object(members);
    }

    @Test
    void a_runtime_connects_a_real_server_calls_its_tools_and_leaves_no_process_behind() {
        var events = new CopyOnWriteArrayList<McpConnectionEvent>();
        var database = directory.resolve("data").resolve("tmws.db");
        try (var mcp = Mcpconn.sqlite(database).events(stored -> events.add(stored.event())).start()) {
            mcp.register().handle(new RegisterConnectionCommand(TEAM, AGENT, ServerName.of("everything"), stdioEverything()));
            var connected = mcp.connect().handle(new ConnectCommand(TEAM, EVERYTHING));

            assertThat(connected.connection().connection().tools().tools()).extracting(tool -> tool.name())
                    .contains("echo", "get-sum").hasSizeGreaterThanOrEqualTo(10);
            assertThat(connected.connection().session().where()).isEqualTo(Where.HERE);
            assertThat(ProcessHandle.current().descendants().count()).as("the server runs").isPositive();

            var sum = mcp.callTool().handle(new CallToolCommand(TEAM, EVERYTHING, "get-sum",
                    args(Map.of("a", JsonValue.number(2), "b", JsonValue.number(3)))));
            assertThat(sum.isError()).isFalse();
            assertThat(sum.text()).contains("5");
            var echo = mcp.callTool().handle(new CallToolCommand(TEAM, EVERYTHING, "echo",
                    args(Map.of("message", JsonValue.string("hello")))));
            assertThat(echo.text()).contains("hello");
            assertThatThrownBy(() -> mcp.callTool().handle(new CallToolCommand(TEAM, EVERYTHING, "get-sum",
                    args(Map.of("a", JsonValue.string("two"))))))
                    .isInstanceOf(InvalidToolArgumentsException.class).hasMessageContaining("get-sum");
        }

        var descendants = ProcessHandle.current().descendants().toList();
        assertThat(Processes.awaitGone(descendants, Duration.ofSeconds(5))).as("no child process outlives close()").isEmpty();
        assertThat(events).extracting(event -> event.getClass().getSimpleName()).startsWith(
                "ConnectionRegistered", "ConnectingStarted", "Connected").endsWith("DisconnectingStarted", "Disconnected");
        try (var reopened = Mcpconn.sqlite(database).start()) {
            var stored = reopened.connections().get(TEAM, EVERYTHING).connection();
            assertThat(stored.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
            assertThat(stored.tools().find("echo")).isPresent();
        }
    }

    @Test
    void the_in_memory_variant_reaches_a_server_over_streamable_http() {
        try (var server = ServerEverything.startHttp(); var mcp = Mcpconn.inMemory().start()) {
            mcp.register().handle(new RegisterConnectionCommand(TEAM, AGENT, ServerName.of("everything"),
                    ConnectionConfig.http(server.url()).withRetryAttempts(0)));
            mcp.connect().handle(new ConnectCommand(TEAM, EVERYTHING));

            var echo = mcp.callTool().handle(new CallToolCommand(TEAM, EVERYTHING, "echo",
                    args(Map.of("message", JsonValue.string("over http")))));

            assertThat(echo.text()).contains("over http");
            assertThat(mcp.connections().list(io.mcpconn.application.query.ListConnectionsQuery.all(TEAM)).items())
                    .singleElement().satisfies(view -> assertThat(view.connection().status()).isEqualTo(ConnectionStatus.ACTIVE));
        }
    }

    @Test
    void close_disconnects_every_session_this_instance_holds() {
        var database = directory.resolve("tmws.db");
        try (var mcp = Mcpconn.sqlite(database).start()) {
            for (var name : List.of("first", "second")) {
                mcp.register().handle(new RegisterConnectionCommand(TEAM, AGENT, ServerName.of(name), stdioEverything()));
                mcp.connect().handle(new ConnectCommand(TEAM, ConnectionRef.named(name)));
            }
        }
        try (var reopened = Mcpconn.sqlite(database).start()) {
            for (var name : List.of("first", "second")) {
                var view = reopened.connections().get(TEAM, ConnectionRef.named(name));
                assertThat(view.connection().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
                assertThat(view.session().lease()).isEmpty();
            }
        }
    }
}
