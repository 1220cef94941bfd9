package io.mcpconn.domain.connection;

import static io.mcpconn.domain.fixtures.DomainFixtures.AGENT;
import static io.mcpconn.domain.fixtures.DomainFixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.McpConnectionEvent.ConfigurationChanged;
import io.mcpconn.domain.connection.McpConnectionEvent.Connected;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionFailed;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRegistered;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRemoved;
import io.mcpconn.domain.connection.McpConnectionEvent.Disconnected;
import io.mcpconn.domain.connection.McpConnectionEvent.DisconnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ToolsChanged;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.ToolCatalog;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class McpConnectionEventTest {

    private static final ConnectionId ID = ConnectionId.of("c-1");
    private static final ServerName SERVER = ServerName.of("tmws_mcp");
    private static final Instant AT = Instant.parse("2025-11-12T13:30:00Z");

    /** Builds one kind of event from the fields every event has. */
    interface EventOfKind {
        McpConnectionEvent create(ConnectionId id, Namespace namespace, ServerName serverName, Instant occurredAt);
    }

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of("ConnectionRegistered", (EventOfKind) (id, ns, s, at) -> new ConnectionRegistered(id, ns, s, AGENT, at)),
                Arguments.of("ConnectingStarted", (EventOfKind) ConnectingStarted::new),
                Arguments.of("Connected", (EventOfKind) (id, ns, s, at) -> new Connected(id, ns, s, 2, at)),
                Arguments.of("ConnectionFailed", (EventOfKind) (id, ns, s, at) ->
                        new ConnectionFailed(id, ns, s, ConnectionStatus.CONNECTING, "refused", at)),
                Arguments.of("DisconnectingStarted", (EventOfKind) DisconnectingStarted::new),
                Arguments.of("Disconnected", (EventOfKind) (id, ns, s, at) -> new Disconnected(id, ns, s, "done", true, at)),
                Arguments.of("ConfigurationChanged", (EventOfKind) (id, ns, s, at) -> new ConfigurationChanged(id, ns, s, true, false, at)),
                Arguments.of("ConnectionRemoved", (EventOfKind) (id, ns, s, at) -> new ConnectionRemoved(id, ns, s, AGENT, at)),
                Arguments.of("ToolsChanged", (EventOfKind) (id, ns, s, at) ->
                        new ToolsChanged(id, ns, s, ToolCatalog.EMPTY.changesTo(ToolCatalog.EMPTY), at)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void every_event_names_its_connection_namespace_server_and_time_and_refuses_to_miss_one(String kind, EventOfKind factory) {
        var event = factory.create(ID, NAMESPACE, SERVER, AT);
        assertThat(event.connectionId()).isEqualTo(ID);
        assertThat(event.namespace()).isEqualTo(NAMESPACE);
        assertThat(event.serverName()).isEqualTo(SERVER);
        assertThat(event.occurredAt()).isEqualTo(AT);

        assertThatThrownBy(() -> factory.create(null, NAMESPACE, SERVER, AT)).isInstanceOf(NullPointerException.class)
                .hasMessage("connectionId");
        assertThatThrownBy(() -> factory.create(ID, null, SERVER, AT)).isInstanceOf(NullPointerException.class)
                .hasMessage("namespace");
        assertThatThrownBy(() -> factory.create(ID, NAMESPACE, null, AT)).isInstanceOf(NullPointerException.class)
                .hasMessage("serverName");
        assertThatThrownBy(() -> factory.create(ID, NAMESPACE, SERVER, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("occurredAt");
    }
}
