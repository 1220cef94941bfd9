package io.mcpconn.application.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRegistered;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterConnectionTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-11-12T13:30:00Z"), ZoneOffset.UTC);
    private final InMemoryMcpConnectionRepository repository = new InMemoryMcpConnectionRepository();
    private final List<McpConnectionEvent> published = new ArrayList<>();
    private final RegisterConnection registerConnection =
            new RegisterConnection(new ConnectionStore(repository, io.mcpconn.application.fixtures.Relays.into(repository, published, clock)), clock);

    private static RegisterConnectionCommand command(String namespace, String server) {
        return new RegisterConnectionCommand(Namespace.of(namespace), AgentId.of("agent-1"), ServerName.of(server),
                ConnectionConfig.http("http://localhost:8080/mcp"));
    }

    @Test
    void registers_a_disconnected_connection_saves_it_and_publishes_the_event() {
        var registration = registerConnection.handle(command("ns", "tmws_mcp"));
        var connection = registration.connection();
        assertThat(registration.created()).isTrue();

        var stored = repository.findById(Namespace.of("ns"), connection.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(published).singleElement().isInstanceOf(ConnectionRegistered.class);
    }

    @Test
    void a_server_name_is_unique_per_namespace_only() {
        var first = registerConnection.handle(command("ns", "tmws_mcp")).connection();
        published.clear();

        assertThatThrownBy(() -> registerConnection.handle(new RegisterConnectionCommand(Namespace.of("ns"),
                AgentId.of("agent-1"), ServerName.of("tmws_mcp"), ConnectionConfig.http("http://localhost:9090/mcp"))))
                .isInstanceOf(DuplicateServerNameException.class)
                .hasMessageContaining(first.id().value());
        assertThat(published).as("nothing published for a refused registration").isEmpty();

        registerConnection.handle(command("other-ns", "tmws_mcp"));
        assertThat(published).hasSize(1);
    }

    @Test
    void registering_the_same_server_again_answers_the_existing_connection() {
        var first = registerConnection.handle(command("ns", "tmws_mcp")).connection();
        published.clear();

        var again = registerConnection.handle(command("ns", "tmws_mcp"));

        assertThat(again.created()).isFalse();
        assertThat(again.connection()).isEqualTo(first);
        assertThat(again.connection().version()).as("not saved again").isEqualTo(1);
        assertThat(published).isEmpty();
        assertThatThrownBy(() -> registerConnection.handle(new RegisterConnectionCommand(Namespace.of("ns"),
                AgentId.of("agent-2"), ServerName.of("tmws_mcp"), ConnectionConfig.http("http://localhost:8080/mcp"))))
                .as("another owner's connection of that name is not answered as one's own")
                .isInstanceOf(DuplicateServerNameException.class);
    }

    @Test
    void commands_insist_on_every_part() {
        assertThatThrownBy(() -> new RegisterConnectionCommand(Namespace.of("ns"), AgentId.of("a"), null,
                ConnectionConfig.http("http://localhost/mcp")))
                .isInstanceOf(NullPointerException.class).hasMessage("serverName is required but was missing");
    }
}
