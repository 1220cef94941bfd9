package io.mcpconn.testkit.repository;

import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.domain.connection.SessionLeaseRepository;
import io.mcpconn.domain.tenancy.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionLeaseRepository} must do: one holder per live session, expired leases
 * taken over, renewals and releases only by the holder, namespaces kept apart. An adapter's test
 * extends this class and implements {@link #createRepository()}.
 */
public abstract class SessionLeaseRepositoryContract {

    /** The instance under test's own id. */
    protected static final InstanceId ME = InstanceId.of("instance-me");
    /** Another running instance sharing the store. */
    protected static final InstanceId OTHER = InstanceId.of("instance-other");
    private static final Instant T0 = Instant.parse("2025-11-12T13:30:00.123456Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    /** The repository under test, fresh for each test. */
    protected SessionLeaseRepository leases;

    /** A new, empty repository. */
    protected abstract SessionLeaseRepository createRepository();

    @BeforeEach
    void createFreshRepository() {
        leases = createRepository();
    }

    private static SessionLease lease(String id, InstanceId holder, Instant at) {
        return SessionLease.take(ConnectionId.of(id), NAMESPACE, holder, at, TTL);
    }

    @Test
    void a_free_session_is_leased_and_reads_back() {
        var lease = lease("c-1", ME, T0);
        assertThat(leases.tryAcquire(lease)).isTrue();
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1"))).contains(lease);
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-2"))).isEmpty();
    }

    @Test
    void a_live_lease_of_another_instance_is_not_taken() {
        assertThat(leases.tryAcquire(lease("c-1", OTHER, T0))).isTrue();
        assertThat(leases.tryAcquire(lease("c-1", ME, T0.plusSeconds(29)))).isFalse();
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1")).orElseThrow().holder()).isEqualTo(OTHER);
    }

    @Test
    void an_expired_lease_is_taken_over_and_the_holder_may_take_its_own_again() {
        assertThat(leases.tryAcquire(lease("c-1", OTHER, T0))).isTrue();
        var takeover = lease("c-1", ME, T0.plus(TTL));
        assertThat(leases.tryAcquire(takeover)).isTrue();
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1"))).contains(takeover);
        var again = lease("c-1", ME, T0.plus(TTL).plusSeconds(1));
        assertThat(leases.tryAcquire(again)).isTrue();
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1"))).contains(again);
    }

    @Test
    void renewing_moves_only_the_holders_leases() {
        leases.tryAcquire(lease("c-1", ME, T0));
        leases.tryAcquire(lease("c-2", ME, T0));
        leases.tryAcquire(lease("c-3", OTHER, T0));
        var later = T0.plusSeconds(45);

        assertThat(leases.renewAll(ME, later)).containsExactlyInAnyOrder(ConnectionId.of("c-1"), ConnectionId.of("c-2"));

        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1")).orElseThrow().expiresAt()).isEqualTo(later);
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-3")).orElseThrow().expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(leases.renewAll(InstanceId.of("nobody"), later)).isEmpty();
    }

    @Test
    void a_lease_taken_over_is_no_longer_renewed_by_its_old_holder() {
        leases.tryAcquire(lease("c-1", ME, T0));
        leases.tryAcquire(lease("c-1", OTHER, T0.plus(TTL).plusSeconds(1)));
        assertThat(leases.renewAll(ME, T0.plusSeconds(90))).isEmpty();
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1")).orElseThrow().holder()).isEqualTo(OTHER);
    }

    @Test
    void only_the_holder_releases() {
        leases.tryAcquire(lease("c-1", OTHER, T0));
        leases.release(NAMESPACE, ConnectionId.of("c-1"), ME);
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1"))).isPresent();
        leases.release(NAMESPACE, ConnectionId.of("c-1"), OTHER);
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1"))).isEmpty();
        leases.release(NAMESPACE, ConnectionId.of("c-1"), OTHER);
    }

    @Test
    void another_namespace_neither_sees_nor_takes_nor_releases_a_lease() {
        var elsewhere = Namespace.of("other-namespace");
        leases.tryAcquire(lease("c-1", OTHER, T0));

        assertThat(leases.find(elsewhere, ConnectionId.of("c-1"))).isEmpty();
        assertThat(leases.tryAcquire(SessionLease.take(ConnectionId.of("c-1"), elsewhere, ME, T0.plusSeconds(60), TTL)))
                .isFalse();
        leases.release(elsewhere, ConnectionId.of("c-1"), OTHER);
        assertThat(leases.find(NAMESPACE, ConnectionId.of("c-1"))).isPresent();
    }

    @Test
    void of_many_instances_racing_for_one_free_session_exactly_one_wins() throws Exception {
        int racers = 8;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(racers);
        try {
            var results = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < racers; i++) {
                var holder = InstanceId.of("racer-" + i);
                Callable<Boolean> race = () -> {
                    start.await();
                    return leases.tryAcquire(lease("c-race", holder, T0));
                };
                results.add(pool.submit(race));
            }
            start.countDown();
            int winners = 0;
            for (var result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void of_many_live_instances_racing_for_one_expired_lease_exactly_one_takes_it_over() throws Exception {
        // Each round a dead instance's lease has expired and every racer sees it free: a check and
        // its write that another racer can slip between would hand the session to two holders.
        int racers = 4;
        int rounds = 20;
        var pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < rounds; round++) {
                var id = "c-expired-" + round;
                assertThat(leases.tryAcquire(lease(id, InstanceId.of("dead"), T0))).isTrue();
                var later = T0.plus(TTL).plusSeconds(1);
                var start = new CountDownLatch(1);
                var results = new ArrayList<Future<Boolean>>();
                for (int i = 0; i < racers; i++) {
                    var holder = InstanceId.of("heir-" + i);
                    Callable<Boolean> race = () -> {
                        start.await();
                        return leases.tryAcquire(lease(id, holder, later));
                    };
                    results.add(pool.submit(race));
                }
                start.countDown();
                var winners = new ArrayList<String>();
                for (int i = 0; i < racers; i++) {
                    if (results.get(i).get(30, TimeUnit.SECONDS)) {
                        winners.add("heir-" + i);
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(leases.find(NAMESPACE, ConnectionId.of(id))).as("round %d", round).get()
                        .extracting(held -> held.holder().value()).isEqualTo(winners.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
