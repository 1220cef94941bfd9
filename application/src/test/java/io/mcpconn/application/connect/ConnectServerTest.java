package io.mcpconn.application.connect;

import io.mcpconn.application.fixtures.DelegatingRepository;
import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionView.Where;
import io.mcpconn.application.connection.SessionHeldElsewhereException;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.InvalidStateTransitionException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionFailed;
import io.mcpconn.domain.connection.McpConnectionEvent.ToolsChanged;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.testkit.fixtures.Tools;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import io.mcpconn.testkit.repository.InMemorySessionLeaseRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectServerTest {

    private final FakeMcpClient client = FakeMcpClient.offering(Tools.echo(), Tools.storeMemory());
    private final Instance instance = new Instance("instance-a", client);

    @AfterEach
    void close() {
        instance.close();
    }

    private ConnectResult connect(String server) {
        return instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named(server)));
    }

    @Test
    void connecting_saves_connecting_then_active_with_the_tools_and_keeps_the_session_under_a_lease() {
        var registered = instance.registered("everything", 3);

        var result = connect("everything");

        assertThat(instance.takeEvents()).containsExactly("ConnectingStarted", "Connected");
        var stored = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(stored.tools().tools()).containsExactly(Tools.echo(), Tools.storeMemory());
        assertThat(stored.version()).as("registered, connecting, active").isEqualTo(3);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.alreadyConnected()).isFalse();
        assertThat(result.recoveredSession()).isFalse();
        assertThat(result.server()).hasValueSatisfying(server -> assertThat(server.name()).isEqualTo("fake-server"));
        assertThat(result.connection().session().where()).isEqualTo(Where.HERE);
        assertThat(instance.registry.find(registered.id())).containsSame(client.lastSession());
        assertThat(instance.leases.find(NAMESPACE, registered.id())).hasValueSatisfying(lease ->
                assertThat(lease.holder().value()).isEqualTo("instance-a"));
    }

    @Test
    void connecting_an_active_connection_held_here_does_nothing() {
        instance.registered("everything", 0);
        connect("everything");
        instance.takeEvents();

        var again = connect("everything");

        assertThat(again.alreadyConnected()).isTrue();
        assertThat(client.opens()).isEqualTo(1);
        assertThat(instance.takeEvents()).isEmpty();
    }

    @Test
    void transient_failures_are_retried_with_capped_backoff_then_succeed() {
        instance.registered("everything", 5);
        client.failNextOpens(4, Reason.UNREACHABLE, "connection refused");

        var result = connect("everything");

        assertThat(result.attempts()).isEqualTo(5);
        assertThat(instance.pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4));
        assertThat(instance.takeEvents()).containsExactly("ConnectingStarted", "Connected");
    }

    @Test
    void when_every_attempt_fails_the_connection_is_saved_in_error_and_its_lease_released() {
        var registered = instance.registered("everything", 2);
        client.failNextOpens(3, Reason.TIMEOUT, "no answer within 30 s");

        assertThatThrownBy(() -> connect("everything")).isInstanceOfSatisfying(ConnectFailedException.class, e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e).hasMessageContaining("after 3 attempts").hasMessageContaining("no answer within 30 s");
        });

        var stored = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.ERROR);
        assertThat(stored.lastError()).hasValueSatisfying(error -> assertThat(error.message()).isEqualTo("no answer within 30 s"));
        assertThat(instance.pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(instance.takeEvents()).containsExactly("ConnectingStarted", "ConnectionFailed");
        assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
        assertThat(instance.registry.isHere(registered.id())).isFalse();
    }

    @Test
    void a_refusal_such_as_a_wrong_api_key_is_not_retried() {
        instance.registered("everything", 5);
        client.failNextOpens(1, Reason.AUTHENTICATION, "the server refused the api key (HTTP 401)");

        assertThatThrownBy(() -> connect("everything")).isInstanceOfSatisfying(ConnectFailedException.class,
                e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(client.opens()).isEqualTo(1);
        assertThat(instance.pauses).isEmpty();
    }

    @Test
    void an_error_connection_is_connected_again_and_its_error_is_gone() {
        var registered = instance.registered("everything", 0);
        client.failNextOpens(1, Reason.UNREACHABLE, "connection refused");
        assertThatThrownBy(() -> connect("everything")).isInstanceOf(ConnectFailedException.class);

        connect("everything");

        var stored = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(stored.lastError()).isEmpty();
    }

    @Test
    void tools_the_domain_refuses_leave_no_session_and_no_lease() {
        var registered = instance.registered("everything", 3);
        client.nowOffering(Tools.echo(), Tools.echo());

        assertThatThrownBy(() -> connect("everything")).isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("the server's tool list cannot be kept: ")
                .hasMessageContaining("\"echo\" is listed more than once");

        assertThat(instance.repository.findById(NAMESPACE, registered.id()).orElseThrow().status())
                .as("the server's broken answer is its failure: ERROR, not left CONNECTING").isEqualTo(ConnectionStatus.ERROR);
        assertThat(client.lastSession().isClosed()).isTrue();
        assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
        assertThat(client.opens()).as("a refusal of the server's answer is not retried").isEqualTo(1);
    }

    @Test
    void a_session_held_by_another_live_instance_is_neither_opened_twice_nor_reset() {
        instance.registered("everything", 0);
        var otherClient = FakeMcpClient.offering(Tools.echo());
        try (var other = instance.sibling("instance-b", otherClient)) {
            other.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));
            instance.takeEvents();

            assertThatThrownBy(() -> connect("everything")).isInstanceOf(SessionHeldElsewhereException.class)
                    .hasMessageContaining("held by instance instance-b");

            assertThat(client.opens()).isZero();
            assertThat(instance.takeEvents()).isEmpty();
            assertThat(otherClient.lastSession().isClosed()).isFalse();
        }
    }

    @Test
    void a_session_left_by_a_dead_instance_is_recovered_after_its_lease_expires_and_connected_here() {
        var registered = instance.registered("everything", 0);
        var other = instance.sibling("instance-b", FakeMcpClient.offering(Tools.echo()));
        other.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));
        other.close();
        instance.takeEvents();

        assertThatThrownBy(() -> connect("everything")).as("not while its lease lives")
                .isInstanceOf(SessionHeldElsewhereException.class);
        instance.clock.advance(Instance.LEASE.plusSeconds(1));

        var result = connect("everything");

        assertThat(result.recoveredSession()).isTrue();
        assertThat(instance.takeEvents()).containsExactly("Disconnected", "ConnectingStarted", "Connected");
        assertThat(instance.leases.find(NAMESPACE, registered.id()).orElseThrow().holder().value()).isEqualTo("instance-a");
    }

    @Test
    void a_connection_another_writer_changed_while_the_session_opened_gets_no_session() {
        var repository = new InMemoryMcpConnectionRepository();
        var racing = new RacingRepository(repository);
        try (var raced = new Instance("instance-a", client, instance.clock, racing, new InMemorySessionLeaseRepository())) {
            var registered = raced.registered("everything", 0);
            racing.armed = true;

            assertThatThrownBy(() -> raced.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything"))))
                    .isInstanceOf(InvalidStateTransitionException.class).hasMessageContaining("from DISCONNECTED to ACTIVE");

            assertThat(client.lastSession().isClosed()).isTrue();
            assertThat(raced.leases.find(NAMESPACE, registered.id())).isEmpty();
            assertThat(raced.registry.isHere(registered.id())).isFalse();
        }
    }

    @Test
    void when_the_server_reports_new_tools_they_are_refreshed_and_the_change_is_published() {
        var registered = instance.registered("everything", 0);
        connect("everything");
        instance.takeEvents();

        client.nowOffering(Tools.echo(), Tools.searchMemories());
        client.lastSession().reportToolsChanged();
        instance.settle();

        assertThat(instance.published).singleElement().isInstanceOfSatisfying(ToolsChanged.class, event -> {
            assertThat(event.changes().added()).containsExactly("search_memories");
            assertThat(event.changes().removed()).containsExactly("store_memory");
        });
        assertThat(instance.repository.findById(NAMESPACE, registered.id()).orElseThrow().tools().find("search_memories"))
                .isPresent();
    }

    @Test
    void a_session_that_dies_moves_its_connection_to_error_with_the_cause() {
        var registered = instance.registered("everything", 0);
        connect("everything");
        instance.takeEvents();

        client.lastSession().die("the server process exited with code 137");
        instance.settle();

        var stored = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.ERROR);
        assertThat(stored.lastError().orElseThrow().message()).isEqualTo("session lost: the server process exited with code 137");
        assertThat(instance.published).singleElement().isInstanceOf(ConnectionFailed.class);
        assertThat(instance.registry.find(registered.id())).isEmpty();
        assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
        assertThat(client.lastSession().isClosed()).as("its resources are freed").isTrue();
    }

    @Test
    void a_session_that_fails_to_list_its_tools_is_closed_and_the_connect_retried() {
        instance.registered("everything", 1);
        client.failingToListTools(new McpClientException(Reason.TIMEOUT, "tools/list timed out"));

        assertThatThrownBy(() -> connect("everything")).isInstanceOfSatisfying(ConnectFailedException.class,
                e -> assertThat(e.attempts()).isEqualTo(2));

        assertThat(client.sessions()).hasSize(2).allSatisfy(session -> assertThat(session.isClosed()).isTrue());
    }

    @Test
    void an_interrupted_wait_between_attempts_ends_the_connect_in_error_and_keeps_the_interrupt() {
        var registered = instance.registered("everything", 3);
        client.failNextOpens(1, Reason.UNREACHABLE, "connection refused");
        var interrupting = new Instance("instance-i", client, instance.clock, instance.repository, instance.leases,
                new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8), d -> {
                    throw new InterruptedException();
                }));
        try {
            assertThatThrownBy(() -> interrupting.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything"))))
                    .isInstanceOf(ConnectFailedException.class).hasMessageContaining("interrupted before attempt 2");
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            assertThat(client.opens()).isEqualTo(1);
            assertThat(instance.repository.findById(NAMESPACE, registered.id()).orElseThrow().status())
                    .isEqualTo(ConnectionStatus.ERROR);
            assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
        } finally {
            interrupting.close();
        }
    }

    @Test
    void a_connecting_save_that_fails_gives_the_lease_back() {
        var repository = new InMemoryMcpConnectionRepository();
        var failing = new DelegatingRepository(repository) {
            @Override
            public void save(McpConnection connection) {
                if (connection.status() == ConnectionStatus.CONNECTING) {
                    throw new ConcurrentUpdateException(connection.id(), connection.version(), connection.version() + 1);
                }
                super.save(connection);
            }
        };
        try (var raced = new Instance("instance-a", client, instance.clock, failing, new InMemorySessionLeaseRepository())) {
            var registered = raced.registered("everything", 0);

            assertThatThrownBy(() -> raced.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything"))))
                    .isInstanceOf(ConcurrentUpdateException.class);

            assertThat(raced.leases.find(NAMESPACE, registered.id())).isEmpty();
            assertThat(raced.registry.isHere(registered.id())).isFalse();
            assertThat(client.opens()).isZero();
        }
    }

    @Test
    void a_connection_being_connected_here_is_not_connected_twice() {
        var registered = instance.registered("everything", 0);
        assertThat(instance.registry.claim(registered)).isTrue();
        var connecting = instance.repository.findById(NAMESPACE, registered.id()).orElseThrow();
        connecting.startConnecting(instance.clock.instant());
        instance.repository.save(connecting);

        assertThatThrownBy(() -> connect("everything")).isInstanceOf(SessionHeldElsewhereException.class)
                .hasMessageContaining("in this instance right now");
        assertThat(client.opens()).isZero();
    }

    @Test
    void the_backoff_doubles_up_to_its_cap() {
        var policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(3), d -> { });
        assertThat(List.of(1, 2, 3, 4, 30).stream().map(policy::delayBefore).toList())
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(3), Duration.ofSeconds(3));
        var exact = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), d -> { });
        assertThat(List.of(1, 2, 3, 4).stream().map(exact::delayBefore).toList()).as("the cap is reached exactly")
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4));
        var flat = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(2), d -> { });
        assertThat(flat.delayBefore(3)).as("initial equal to the cap is allowed").isEqualTo(Duration.ofSeconds(2));
        assertThat(new RetryPolicy(Duration.ZERO, Duration.ZERO, d -> { }).delayBefore(5)).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(-1), Duration.ofSeconds(1), d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Right after the use case saved CONNECTING, another writer (say the Python service sharing the
     * table) sets the row back to disconnected.
     */
    private static final class RacingRepository extends DelegatingRepository {
        volatile boolean armed;

        RacingRepository(McpConnectionRepository delegate) {
            super(delegate);
        }

        @Override
        public void save(McpConnection connection) {
            super.save(connection);
            if (armed && connection.status() == ConnectionStatus.CONNECTING) {
                armed = false;
                var s = findById(connection.namespace(), connection.id()).orElseThrow().snapshot();
                super.save(McpConnection.restore(new McpConnectionSnapshot(s.id(), s.serverName(), s.namespace(),
                        s.agentId(), s.config(), ConnectionStatus.DISCONNECTED, s.tools(), Optional.empty(),
                        s.createdAt(), s.connectedAt(), s.disconnectedAt(), s.updatedAt(), s.version())));
            }
        }
    }
}
