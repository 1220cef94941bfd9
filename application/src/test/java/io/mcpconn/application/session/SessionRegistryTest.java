package io.mcpconn.application.session;

import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.testkit.fixtures.Tools;
import io.mcpconn.testkit.repository.InMemorySessionLeaseRepository;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private final FakeMcpClient client = FakeMcpClient.offering(Tools.echo());
    private final Instance instance = new Instance("instance-a", client);

    @AfterEach
    void close() {
        instance.close();
    }

    @Test
    void renewing_keeps_a_held_lease_ahead_of_the_clock() {
        var registered = instance.registered("everything", 0);
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));
        instance.clock.advance(Duration.ofSeconds(20));

        instance.registry.renew();

        var lease = instance.leases.find(NAMESPACE, registered.id()).orElseThrow();
        assertThat(lease.isLiveAt(instance.clock.instant().plusSeconds(25))).isTrue();
        assertThat(instance.registry.held()).containsEntry(registered.id(), NAMESPACE);
    }

    @Test
    void a_lease_another_instance_took_over_ends_the_local_session() {
        var registered = instance.registered("everything", 0);
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("everything")));
        instance.clock.advance(Instance.LEASE.plusSeconds(1));
        var takeover = SessionLease.take(registered.id(), NAMESPACE, InstanceId.of("instance-b"),
                instance.clock.instant(), Instance.LEASE);
        assertThat(instance.leases.tryAcquire(takeover)).isTrue();

        instance.registry.renew();

        assertThat(instance.registry.find(registered.id())).isEmpty();
        assertThat(client.lastSession().isClosed()).isTrue();
        assertThat(instance.leases.find(NAMESPACE, registered.id())).contains(takeover);
    }

    @Test
    void a_connection_being_opened_cannot_be_claimed_twice() {
        var registered = instance.registered("everything", 0);
        assertThat(instance.registry.claim(registered)).isTrue();
        assertThat(instance.registry.claim(registered)).isFalse();
        assertThat(instance.registry.isHere(registered.id())).isTrue();
        instance.registry.release(NAMESPACE, registered.id());
        assertThat(instance.registry.isHere(registered.id())).isFalse();
        assertThat(instance.leases.find(NAMESPACE, registered.id())).isEmpty();
    }

    @Test
    void leases_renew_on_their_own_in_the_background() throws Exception {
        var leases = new InMemorySessionLeaseRepository();
        try (var registry = new SessionRegistry(InstanceId.of("bg"), leases, Clock.systemUTC(), Duration.ofSeconds(1))) {
            var registered = instance.registered("everything", 0);
            assertThat(registry.claim(registered)).isTrue();
            var first = leases.find(NAMESPACE, registered.id()).orElseThrow().expiresAt();
            Thread.sleep(1200);
            assertThat(leases.find(NAMESPACE, registered.id()).orElseThrow().expiresAt()).isAfter(first);
        }
    }

    @Test
    void the_registry_names_its_instance_and_its_threads_never_keep_the_jvm_alive() throws Exception {
        assertThat(instance.registry.instance()).isEqualTo(InstanceId.of("instance-a"));
        var thread = new java.util.concurrent.atomic.AtomicReference<Thread>();
        var ran = new java.util.concurrent.CountDownLatch(1);
        instance.registry.dispatch(() -> {
            thread.set(Thread.currentThread());
            ran.countDown();
        });
        assertThat(ran.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(thread.get().isDaemon()).isTrue();
        assertThat(thread.get().getName()).isEqualTo("mcpconn-session-events");
    }

    @Test
    void a_failing_piece_of_dispatched_work_does_not_stop_the_next() throws Exception {
        var ran = new java.util.concurrent.CountDownLatch(1);
        instance.registry.dispatch(() -> {
            throw new IllegalStateException("boom");
        });
        instance.registry.dispatch(ran::countDown);
        assertThat(ran.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void the_ports_have_do_nothing_defaults() {
        assertThat(io.mcpconn.application.mcp.SessionListener.ignoring()).isNotNull().satisfies(listener -> {
            listener.toolsChanged();
            listener.sessionLost("ignored");
        });
        assertThat(io.mcpconn.application.event.DomainEventPublisher.none()).isNotNull()
                .satisfies(publisher -> publisher.publish(new io.mcpconn.domain.event.StoredEvent(
                        io.mcpconn.domain.event.EventId.random(), 1,
                        new io.mcpconn.domain.connection.McpConnectionEvent.ConnectingStarted(
                                io.mcpconn.domain.connection.ConnectionId.random(), io.mcpconn.domain.tenancy.Namespace.of("n"),
                                io.mcpconn.domain.connection.ServerName.of("s"), java.time.Instant.EPOCH))));
    }

    @Test
    void a_lease_shorter_than_a_second_is_refused() {
        assertThatThrownBy(() -> new SessionRegistry(InstanceId.of("x"), new InMemorySessionLeaseRepository(),
                Clock.systemUTC(), Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
    }
}
