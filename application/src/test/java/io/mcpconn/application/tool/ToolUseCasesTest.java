package io.mcpconn.application.tool;

import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.application.mcp.ToolCallResult;
import io.mcpconn.application.mcp.ToolContent;
import io.mcpconn.domain.connection.ConnectionNotActiveException;
import io.mcpconn.domain.connection.UnknownToolException;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.testkit.fixtures.Tools;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolUseCasesTest {

    private static final JsonObject HELLO = JsonValue.object(Map.of("message", JsonValue.string("hello")));

    private final FakeMcpClient client = FakeMcpClient.offering(Tools.echo(), Tools.storeMemory());
    private final Instance instance = new Instance("instance-a", client);

    @AfterEach
    void close() {
        instance.close();
    }

    private void connect() {
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));
        instance.takeEvents();
    }

    private ToolCallResult call(String tool, JsonObject arguments) {
        return instance.callTool.handle(new CallToolCommand(NAMESPACE, ConnectionRef.named("everything"), tool, arguments));
    }

    @Test
    void a_call_goes_over_the_session_held_here() {
        instance.registered("everything", 0);
        connect();

        var result = call("echo", HELLO);

        assertThat(result.text()).isEqualTo("echo {\"message\":\"hello\"}");
        assertThat(result.isError()).isFalse();
        assertThat(client.sessions()).hasSize(1);
        assertThat(client.lastSession().calls()).containsExactly("echo {\"message\":\"hello\"}");
        assertThat(client.lastSession().isClosed()).isFalse();
    }

    @Test
    void a_tool_error_is_a_result_not_an_exception() {
        instance.registered("everything", 0);
        connect();
        client.answering((name, args) -> new ToolCallResult(List.of(new ToolContent.Text("boom")), Optional.empty(), true));

        var result = call("echo", HELLO);

        assertThat(result.isError()).isTrue();
        assertThat(result.text()).isEqualTo("boom");
    }

    @Test
    void arguments_that_break_the_input_schema_are_refused_before_anything_is_sent() {
        instance.registered("everything", 0);
        connect();

        assertThatThrownBy(() -> call("echo", JsonObject.EMPTY)).isInstanceOfSatisfying(InvalidToolArgumentsException.class,
                e -> {
                    assertThat(e.violations()).containsExactly("$.message: required property is missing");
                    assertThat(e).hasMessageContaining("tool \"echo\" of everything");
                });
        assertThat(client.lastSession().calls()).isEmpty();
    }

    @Test
    void only_a_known_tool_of_an_active_connection_is_called() {
        instance.registered("everything", 0);
        assertThatThrownBy(() -> call("echo", HELLO)).isInstanceOf(ConnectionNotActiveException.class)
                .hasMessageContaining("connect it first");
        connect();
        assertThatThrownBy(() -> call("fly", JsonObject.EMPTY)).isInstanceOf(UnknownToolException.class)
                .hasMessageContaining("offers: echo, store_memory");
        assertThat(client.lastSession().calls()).isEmpty();
    }

    @Test
    void an_active_connection_whose_session_another_instance_holds_is_called_over_a_session_of_its_own() {
        instance.registered("everything", 0);
        var otherClient = FakeMcpClient.offering(Tools.echo(), Tools.storeMemory());
        try (var other = instance.sibling("instance-b", otherClient)) {
            other.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));

            var result = call("echo", HELLO);

            assertThat(result.text()).startsWith("echo");
            assertThat(client.sessions()).singleElement().satisfies(session -> {
                assertThat(session.calls()).hasSize(1);
                assertThat(session.isClosed()).as("closed after the call").isTrue();
            });
            assertThat(otherClient.lastSession().calls()).isEmpty();
        }
    }

    @Test
    void refreshing_records_what_changed_and_nothing_when_nothing_did() {
        var registered = instance.registered("everything", 0);
        connect();
        var refresh = new RefreshToolsCommand(NAMESPACE, ConnectionRef.of(registered.id()));

        assertThat(instance.refreshTools.handle(refresh).isEmpty()).isTrue();
        assertThat(instance.takeEvents()).isEmpty();
        assertThat(instance.repository.findById(NAMESPACE, registered.id()).orElseThrow().version())
                .as("nothing changed, nothing saved").isEqualTo(3);

        client.nowOffering(Tools.echo());
        var changes = instance.refreshTools.handle(refresh);

        assertThat(changes.removed()).containsExactly("store_memory");
        assertThat(instance.takeEvents()).containsExactly("ToolsChanged");
        assertThat(instance.repository.findById(NAMESPACE, registered.id()).orElseThrow().tools().size()).isEqualTo(1);
    }

    @Test
    void refreshing_a_connection_that_is_not_active_asks_no_server() {
        instance.registered("everything", 0);
        assertThatThrownBy(() -> instance.refreshTools.handle(new RefreshToolsCommand(NAMESPACE,
                ConnectionRef.named("everything")))).isInstanceOf(ConnectionNotActiveException.class);
        assertThat(client.opens()).isZero();
    }

    @Test
    void a_failing_session_is_reported_as_the_clients_error() {
        instance.registered("everything", 0);
        connect();
        client.failingToListTools(new McpClientException(McpClientException.Reason.SESSION_CLOSED, "the session died"));
        assertThatThrownBy(() -> instance.refreshTools.handle(new RefreshToolsCommand(NAMESPACE,
                ConnectionRef.named("everything")))).isInstanceOf(McpClientException.class).hasMessage("the session died");
    }

    @Test
    void call_commands_insist_on_their_parts() {
        assertThatThrownBy(() -> new CallToolCommand(NAMESPACE, ConnectionRef.named("x"), " ", HELLO))
                .hasMessageContaining("tool name must not be blank");
        assertThatThrownBy(() -> new CallToolCommand(NAMESPACE, ConnectionRef.named("x"), "echo", null))
                .hasMessageContaining("pass {} for none");
    }
}
