package io.mcpconn.application.connect;

import io.mcpconn.application.fixtures.DelegatingRepository;
import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.disconnect.DisconnectCommand;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.testkit.fixtures.Tools;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import io.mcpconn.testkit.repository.InMemorySessionLeaseRepository;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every edge of the transition table is taken by some use case, and no use case takes another: the
 * statuses saved by the use cases, run through their scenarios, are recorded and compared with the
 * table. An edge nothing uses would be an edge to drop.
 */
class TransitionCoverageTest {

    @Test
    void the_use_cases_take_exactly_the_edges_of_the_table() {
        var repository = new RecordingRepository(new InMemoryMcpConnectionRepository());
        var client = FakeMcpClient.offering(Tools.echo());
        try (var instance = new Instance("instance-a", client, io.mcpconn.testkit.fixtures.TickingClock.of(
                java.time.Instant.parse("2025-11-12T13:30:00Z"), java.time.Duration.ofNanos(1000)), repository, new InMemorySessionLeaseRepository())) {
            // connect, disconnect gracefully, reconnect after a failure, clear an error, lose a session
            instance.registered("s1", 0);
            connect(instance, "s1");
            disconnect(instance, "s1");
            client.failNextOpens(1, Reason.UNREACHABLE, "refused");
            assertThatThrownBy(() -> connect(instance, "s1")).isInstanceOf(ConnectFailedException.class);
            connect(instance, "s1");
            client.lastSession().die("process exited");
            instance.settle();
            disconnect(instance, "s1");
            // sessions left behind in each live status by a process that died, recovered after expiry
            for (var status : EnumSet.of(ConnectionStatus.CONNECTING, ConnectionStatus.ACTIVE, ConnectionStatus.DISCONNECTING)) {
                var name = "dead-" + status.storageName();
                var connection = instance.registered(name, 0);
                leftBehindBy("instance-dead", connection, status, instance);
            }
            instance.clock.advance(Instance.LEASE.plusSeconds(1));
            repository.recording = true;
            connect(instance, "dead-connecting");
            disconnect(instance, "dead-active");
            disconnect(instance, "dead-disconnecting");
        }

        assertThat(repository.taken).isEqualTo(ConnectionStatus.transitionTable());
    }

    // What a process that died in the middle of its work leaves: a status claiming a session, and a lease.
    private static void leftBehindBy(String deadInstance, McpConnection connection, ConnectionStatus status,
                                     Instance instance) {
        var now = instance.clock.instant();
        instance.leases.tryAcquire(SessionLease.take(connection.id(), NAMESPACE, InstanceId.of(deadInstance), now,
                Instance.LEASE));
        var recording = ((RecordingRepository) instance.repository);
        recording.recording = false;
        connection.startConnecting(now);
        if (status != ConnectionStatus.CONNECTING) {
            connection.markActive(Tools.seedCatalog(), now);
        }
        if (status == ConnectionStatus.DISCONNECTING) {
            connection.startDisconnecting(now);
        }
        instance.repository.save(connection);
        recording.recording = true;
    }

    private static void connect(Instance instance, String name) {
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named(name)));
    }

    private static void disconnect(Instance instance, String name) {
        instance.disconnect.handle(DisconnectCommand.requested(NAMESPACE, ConnectionRef.named(name)));
    }

    /** Records the status each save moves a stored connection from and to. */
    private static final class RecordingRepository extends DelegatingRepository {
        final Map<ConnectionStatus, Set<ConnectionStatus>> taken = new EnumMap<>(ConnectionStatus.class);
        volatile boolean recording = true;

        RecordingRepository(McpConnectionRepository delegate) {
            super(delegate);
            for (var status : ConnectionStatus.values()) {
                taken.put(status, EnumSet.noneOf(ConnectionStatus.class));
            }
        }

        @Override
        public void save(McpConnection connection) {
            var before = findById(connection.namespace(), connection.id()).map(McpConnection::status);
            super.save(connection);
            if (recording && before.isPresent() && before.get() != connection.status()) {
                taken.get(before.get()).add(connection.status());
            }
        }
    }
}
