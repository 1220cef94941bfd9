package io.mcpconn.application.disconnect;

import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connect.ConnectFailedException;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.SessionHeldElsewhereException;
import io.mcpconn.application.disconnect.DisconnectResult.Outcome;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.application.mcp.CloseOutcome;
import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnectionEvent.Disconnected;
import io.mcpconn.testkit.fixtures.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DisconnectServerTest {

    private final FakeMcpClient client = FakeMcpClient.offering(Tools.echo());
    private final Instance instance = new Instance("instance-a", client);

    @AfterEach
    void close() {
        instance.close();
    }

    private DisconnectResult disconnect(String server) {
        return instance.disconnect.handle(DisconnectCommand.requested(NAMESPACE, ConnectionRef.named(server)));
    }

    private void connect(Instance on, String server) {
        on.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named(server)));
        on.takeEvents();
    }

    @Test
    void an_active_session_is_closed_gracefully_through_disconnecting() {
        var registered = instance.registered("everything", 0);
        connect(instance, "everything");

        var result = disconnect("everything");

        assertThat(result.outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(result.problem()).isEmpty();
        assertThat(instance.takeEvents()).containsExactly("DisconnectingStarted", "Disconnected");
        assertThat(client.lastSession().closes()).isEqualTo(1);
        var stored = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(stored.tools().tools()).as("the tools last seen are kept").containsExactly(Tools.echo());
        assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
        assertThat(instance.registry.find(registered.id())).isEmpty();
    }

    @Test
    void a_server_that_does_not_close_still_ends_disconnected_and_says_so() {
        instance.registered("everything", 0);
        connect(instance, "everything");
        client.closingAs(CloseOutcome.forced("the server did not close within 5 s; its process tree was killed"));

        var result = disconnect("everything");

        assertThat(result.connection().connection().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(result.problem()).contains("the server did not close within 5 s; its process tree was killed");
        assertThat(instance.published).last().isInstanceOfSatisfying(Disconnected.class, event ->
                assertThat(event.reason()).isEqualTo("requested; the server did not close within 5 s; its process tree was killed"));
    }

    @Test
    void disconnecting_a_disconnected_connection_is_answered_without_error_and_changes_nothing() {
        var registered = instance.registered("everything", 0);

        var result = disconnect("everything");

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DISCONNECTED);
        assertThat(instance.takeEvents()).isEmpty();
        assertThat(instance.repository.findById(NAMESPACE, registered.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void disconnecting_an_error_connection_clears_its_error() {
        var registered = instance.registered("everything", 0);
        client.failNextOpens(1, Reason.UNREACHABLE, "connection refused");
        assertThatThrownBy(() -> connect(instance, "everything")).isInstanceOf(ConnectFailedException.class);
        instance.takeEvents();

        var result = disconnect("everything");

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR_CLEARED);
        var stored = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(stored.lastError()).isEmpty();
        assertThat(instance.takeEvents()).containsExactly("Disconnected");
    }

    @Test
    void a_session_of_another_live_instance_is_left_alone_and_a_dead_ones_is_recovered() {
        var registered = instance.registered("everything", 0);
        var otherClient = FakeMcpClient.offering(Tools.echo());
        var other = instance.sibling("instance-b", otherClient);
        connect(other, "everything");

        assertThatThrownBy(() -> disconnect("everything")).isInstanceOf(SessionHeldElsewhereException.class)
                .hasMessageContaining("held by instance instance-b until");
        assertThat(otherClient.lastSession().isClosed()).isFalse();
        assertThat(instance.repository.findById(NAMESPACE, registered.id()).orElseThrow().status())
                .isEqualTo(ConnectionStatus.ACTIVE);

        other.close();
        instance.clock.advance(Instance.LEASE.plusSeconds(1));
        var result = disconnect("everything");

        assertThat(result.outcome()).isEqualTo(Outcome.RECOVERED_STALE);
        assertThat(instance.published).singleElement().isInstanceOfSatisfying(Disconnected.class, event -> {
            assertThat(event.graceful()).isFalse();
            assertThat(event.reason()).contains("instance instance-b stopped renewing its lease");
        });
        assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
    }

    @Test
    void a_connection_being_connected_here_is_not_disconnected_under_the_connect() {
        var registered = instance.registered("everything", 0);
        assertThat(instance.registry.claim(registered)).isTrue();
        var connecting = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        connecting.startConnecting(instance.clock.instant());
        instance.repository.save(connecting);

        assertThatThrownBy(() -> disconnect("everything")).isInstanceOf(SessionHeldElsewhereException.class)
                .hasMessageContaining("in this instance right now");
    }

    @Test
    void a_lost_session_reported_after_the_connection_left_active_changes_nothing() {
        var registered = instance.registered("everything", 0);
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));
        var session = client.lastSession();
        var stored = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        stored.startDisconnecting(instance.clock.instant());
        instance.repository.save(stored);
        instance.takeEvents();

        instance.lostSessions.sessionLost(NAMESPACE, registered.id(), "late report");

        var after = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ConnectionStatus.DISCONNECTING);
        assertThat(after.version()).isEqualTo(stored.version());
        assertThat(instance.takeEvents()).isEmpty();
        assertThat(session.isClosed()).isTrue();
        assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
    }
}
