package io.mcpconn.application.removal;

import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static io.mcpconn.application.fixtures.Instance.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRemoved;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.NotConnectionOwnerException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.testkit.fixtures.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemoveConnectionTest {

    private final FakeMcpClient client = FakeMcpClient.offering(Tools.echo());
    private final Instance instance = new Instance("instance-a", client);

    @AfterEach
    void close() {
        instance.close();
    }

    @Test
    void the_owner_removes_a_connection_and_its_removal_is_published() {
        var registered = instance.registered("everything", 0);

        var removed = instance.remove.handle(new RemoveConnectionCommand(NAMESPACE, OWNER, ConnectionRef.named("everything")));

        assertThat(removed).isEqualTo(registered);
        assertThat(removed.isRemoved()).isTrue();
        assertThat(instance.repository.findById(NAMESPACE, registered.id())).isEmpty();
        assertThat(instance.published).singleElement().isInstanceOfSatisfying(ConnectionRemoved.class,
                event -> assertThat(event.by()).isEqualTo(OWNER));
        assertThatThrownBy(() -> instance.remove.handle(new RemoveConnectionCommand(NAMESPACE, OWNER,
                ConnectionRef.named("everything")))).isInstanceOf(McpConnectionNotFoundException.class)
                .hasMessageContaining("no connection named everything");
    }

    @Test
    void an_active_connection_is_disconnected_gracefully_before_it_is_removed() {
        var registered = instance.registered("everything", 0);
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));
        instance.takeEvents();

        instance.remove.handle(new RemoveConnectionCommand(NAMESPACE, OWNER, ConnectionRef.of(registered.id())));

        assertThat(instance.takeEvents()).containsExactly("DisconnectingStarted", "Disconnected", "ConnectionRemoved");
        assertThat(client.lastSession().isClosed()).isTrue();
        assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
    }

    @Test
    void another_agent_removes_nothing_and_does_not_even_disconnect() {
        var registered = instance.registered("everything", 0);
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));
        instance.takeEvents();

        assertThatThrownBy(() -> instance.remove.handle(new RemoveConnectionCommand(NAMESPACE, AgentId.of("intruder"),
                ConnectionRef.named("everything")))).isInstanceOf(NotConnectionOwnerException.class);

        assertThat(instance.takeEvents()).isEmpty();
        assertThat(client.lastSession().isClosed()).isFalse();
        assertThat(instance.repository.findById(NAMESPACE, registered.id())).isPresent();
    }
}
