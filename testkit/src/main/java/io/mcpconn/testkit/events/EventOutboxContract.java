package io.mcpconn.testkit.events;

import static io.mcpconn.testkit.fixtures.McpConnections.AGENT;
import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.event.DeliveryState;
import io.mcpconn.domain.event.EventId;
import io.mcpconn.domain.event.EventOutbox;
import io.mcpconn.domain.event.FailedDelivery;
import io.mcpconn.domain.event.OutboxEntry;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import io.mcpconn.testkit.fixtures.Tools;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventOutbox} must do, together with the {@link McpConnectionRepository} that
 * stores events in it. An adapter's test extends this class and hands out a fresh, empty pair.
 */
public abstract class EventOutboxContract {

    /** A repository and the outbox its saves store events in. */
    public record Stores(McpConnectionRepository repository, EventOutbox outbox) {
    }

    private static final InstanceId ONE = InstanceId.of("instance-one");
    private static final InstanceId TWO = InstanceId.of("instance-two");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Namespace OTHER = Namespace.of("other-namespace");

    /** Times every test's commands are stamped with. */
    protected final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00.123456Z");

    private McpConnectionRepository repository;
    private EventOutbox outbox;

    /** A new, empty repository and its outbox. */
    protected abstract Stores createStores();

    @BeforeEach
    void createFreshStores() {
        var stores = createStores();
        repository = stores.repository();
        outbox = stores.outbox();
    }

    private McpConnection registered(String name) {
        return McpConnection.register(ServerName.of(name), NAMESPACE, AGENT, McpConnections.httpConfig(), clock.instant());
    }

    private List<OutboxEntry> all(Namespace namespace) {
        return outbox.entries(namespace, 0, Optional.empty(), 1000);
    }

    private Instant now() {
        return clock.peek();
    }

    @Test
    void a_save_stores_its_events_in_order_and_reads_every_kind_back_as_recorded() {
        var connection = registered("lifecycle");
        connection.startConnecting(clock.instant());
        connection.markActive(Tools.seedCatalog(), clock.instant());
        connection.replaceTools(ToolCatalog.of(Tools.echo()), clock.instant());
        connection.startDisconnecting(clock.instant());
        connection.disconnect("done", clock.instant());
        connection.reconfigure(McpConnections.httpConfig().withTimeout(Duration.ofSeconds(9)), clock.instant());
        connection.startConnecting(clock.instant());
        connection.fail("connection refused", clock.instant());
        var recorded = connection.pendingEvents();
        repository.save(connection);
        connection.remove(AGENT, clock.instant());
        recorded = concat(recorded, connection.pendingEvents());
        repository.delete(connection);

        var stored = all(NAMESPACE);
        assertThat(stored).extracting(entry -> entry.event().event()).containsExactlyElementsOf(recorded);
        assertThat(stored).extracting(entry -> (Object) entry.event().event().getClass())
                .containsAll(List.of((Object[]) McpConnectionEvent.class.getPermittedSubclasses()));
        assertThat(stored).extracting(entry -> entry.event().sequence()).isSorted().doesNotHaveDuplicates();
        assertThat(stored).extracting(entry -> entry.event().id()).doesNotHaveDuplicates();
        assertThat(stored).allSatisfy(entry -> {
            assertThat(entry.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(entry.attempts()).isZero();
            assertThat(entry.handedOut()).isZero();
        });
        assertThat(connection.pendingEvents()).isEmpty();
    }

    @Test
    void a_refused_save_or_delete_stores_no_event_and_keeps_them_for_the_next_save() {
        repository.save(registered("taken"));
        int before = all(NAMESPACE).size();
        var clash = registered("taken");

        assertThatThrownBy(() -> repository.save(clash)).isInstanceOf(DuplicateServerNameException.class);
        assertThatThrownBy(() -> repository.saveAll(List.of(registered("fine"), registered("taken"))))
                .isInstanceOf(DuplicateServerNameException.class);
        var stale = repository.findByServerName(NAMESPACE, ServerName.of("taken")).orElseThrow();
        var fresh = repository.findByServerName(NAMESPACE, ServerName.of("taken")).orElseThrow();
        fresh.startConnecting(clock.instant());
        repository.save(fresh);
        stale.remove(AGENT, clock.instant());
        assertThatThrownBy(() -> repository.delete(stale)).isInstanceOf(RuntimeException.class);

        assertThat(all(NAMESPACE)).hasSize(before + 1);
        assertThat(clash.pendingEvents()).hasSize(1);
        assertThat(stale.pendingEvents()).hasSize(1);
    }

    @Test
    void save_all_stores_every_connections_events_in_list_order() {
        var first = registered("first");
        var second = registered("second");
        repository.saveAll(List.of(first, second));

        assertThat(all(NAMESPACE)).extracting(entry -> entry.event().event().connectionId())
                .containsExactly(first.id(), second.id());
    }

    @Test
    void a_claim_hands_out_the_oldest_event_of_each_connection_and_nothing_after_it() {
        var a = registered("a");
        a.startConnecting(clock.instant());
        repository.save(a);
        var b = registered("b");
        repository.save(b);

        var claimed = outbox.claim(ONE, now(), LEASE, 10);

        assertThat(claimed).extracting(entry -> entry.event().event())
                .extracting(McpConnectionEvent::connectionId, event -> event.getClass().getSimpleName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a.id(), "ConnectionRegistered"),
                        org.assertj.core.groups.Tuple.tuple(b.id(), "ConnectionRegistered"));
        assertThat(claimed).allSatisfy(entry -> assertThat(entry.handedOut()).isEqualTo(1));
        assertThat(outbox.claim(ONE, now(), LEASE, 10)).as("held by a live claim, and what follows them").isEmpty();

        assertThat(outbox.delivered(claimed.get(0).event().id(), now())).isTrue();
        assertThat(outbox.delivered(claimed.get(0).event().id(), now())).as("once").isFalse();
        var next = outbox.claim(TWO, now(), LEASE, 10);
        assertThat(next).extracting(entry -> entry.event().event().getClass().getSimpleName())
                .containsExactly("ConnectingStarted");
    }

    @Test
    void a_claim_takes_no_more_than_asked() {
        for (int i = 0; i < 5; i++) {
            repository.save(registered("s" + i));
        }

        assertThat(outbox.claim(ONE, now(), LEASE, 3)).hasSize(3);
        assertThat(outbox.claim(ONE, now(), LEASE, 3)).hasSize(2);
    }

    @Test
    void an_expired_claim_is_handed_out_again_with_the_same_id_and_counted() {
        repository.save(registered("a"));
        var first = outbox.claim(ONE, now(), Duration.ofSeconds(1), 10);

        assertThat(outbox.claim(TWO, now().plusMillis(500), LEASE, 10)).isEmpty();
        var again = outbox.claim(TWO, now().plusSeconds(2), LEASE, 10);

        assertThat(again).hasSize(1);
        assertThat(again.get(0).event()).isEqualTo(first.get(0).event());
        assertThat(again.get(0).handedOut()).isEqualTo(2);
        assertThat(outbox.delivered(first.get(0).event().id(), now().plusSeconds(3)))
                .as("a late acknowledgement of the first claimant still counts").isTrue();
        assertThat(outbox.counts().handedOutAgain()).isEqualTo(1);
        assertThat(outbox.counts().delivered()).isEqualTo(1);
    }

    @Test
    void a_failed_delivery_waits_for_its_retry_and_holds_back_its_connections_later_events() {
        var a = registered("a");
        a.startConnecting(clock.instant());
        repository.save(a);
        var event = outbox.claim(ONE, now(), LEASE, 10).get(0).event();
        var retryAt = now().plusSeconds(5);

        outbox.failed(new FailedDelivery.RetryLater(event.id(), 1, "listener down", retryAt));

        assertThat(outbox.claim(ONE, now(), LEASE, 10)).isEmpty();
        var entry = all(NAMESPACE).get(0);
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.lastError()).contains("listener down");
        assertThat(entry.nextAttemptAt()).contains(retryAt);
        var retried = outbox.claim(TWO, retryAt, LEASE, 10);
        assertThat(retried).extracting(claimed -> claimed.event().id()).containsExactly(event.id());
        assertThat(retried.get(0).attempts()).isEqualTo(1);
    }

    @Test
    void a_parked_event_is_kept_and_reported_lets_its_successors_through_and_can_be_retried() {
        var a = registered("a");
        a.startConnecting(clock.instant());
        repository.save(a);
        var event = outbox.claim(ONE, now(), LEASE, 10).get(0).event();

        outbox.failed(new FailedDelivery.Parked(event.id(), 10, "listener broken", now()));

        var parked = all(NAMESPACE).get(0);
        assertThat(parked.state()).isEqualTo(DeliveryState.PARKED);
        assertThat(parked.attempts()).isEqualTo(10);
        assertThat(parked.settledAt()).isPresent();
        assertThat(outbox.counts().parked()).isEqualTo(1);
        assertThat(outbox.claim(ONE, now(), LEASE, 10)).extracting(entry -> entry.event().event().getClass().getSimpleName())
                .containsExactly("ConnectingStarted");
        assertThat(outbox.purgeDelivered(now().plusSeconds(3600))).isZero();

        assertThat(outbox.retryParked(OTHER, event.id(), now())).as("another namespace's").isFalse();
        assertThat(outbox.retryParked(NAMESPACE, EventId.random(), now())).isFalse();
        assertThat(outbox.retryParked(NAMESPACE, event.id(), now())).isTrue();
        var again = all(NAMESPACE).get(0);
        assertThat(again.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(again.attempts()).isZero();
        assertThat(outbox.retryParked(NAMESPACE, event.id(), now())).as("no longer parked").isFalse();
    }

    @Test
    void delivered_events_are_purged_after_the_retention_and_nothing_else_is() {
        repository.save(registered("a"));
        repository.save(registered("b"));
        var claimed = outbox.claim(ONE, now(), LEASE, 10);
        var deliveredAt = now();
        outbox.delivered(claimed.get(0).event().id(), deliveredAt);

        assertThat(outbox.purgeDelivered(deliveredAt)).as("not before the retention").isZero();
        assertThat(outbox.purgeDelivered(deliveredAt.plusMillis(1))).isEqualTo(1);
        assertThat(all(NAMESPACE)).extracting(entry -> entry.event().id()).containsExactly(claimed.get(1).event().id());
        assertThat(outbox.counts().pending()).isEqualTo(1);
        assertThat(outbox.counts().delivered()).isZero();
    }

    @Test
    void entries_are_a_namespaces_own_after_a_sequence_and_since_a_time() {
        repository.save(registered("mine"));
        var foreign = McpConnection.register(ServerName.of("theirs"), OTHER, AGENT, McpConnections.httpConfig(), clock.instant());
        repository.save(foreign);
        var later = registered("later");
        repository.save(later);

        var mine = all(NAMESPACE);
        assertThat(mine).hasSize(2).noneMatch(entry -> entry.event().event().namespace().equals(OTHER));
        assertThat(all(OTHER)).hasSize(1);
        assertThat(outbox.entries(NAMESPACE, mine.get(0).event().sequence(), Optional.empty(), 10))
                .extracting(entry -> entry.event().event().connectionId()).containsExactly(later.id());
        assertThat(outbox.entries(NAMESPACE, 0, Optional.of(mine.get(1).event().event().occurredAt()), 10))
                .hasSize(1);
        assertThat(outbox.entries(NAMESPACE, 0, Optional.empty(), 1)).hasSize(1);
        assertThat(outbox.entries(Namespace.of("nobody"), 0, Optional.empty(), 10)).isEmpty();
    }

    @Test
    void concurrent_claimants_each_get_different_events_and_every_connection_stays_in_order() throws Exception {
        int connections = 20;
        int changes = 5;
        for (int c = 0; c < connections; c++) {
            var connection = registered("c" + c);
            for (int i = 0; i < changes; i++) {
                connection.startConnecting(clock.instant());
                connection.fail("attempt " + i, clock.instant());
            }
            repository.save(connection);
        }
        int total = connections * (1 + 2 * changes);
        var handedTo = new ConcurrentHashMap<EventId, InstanceId>();
        var order = new ConcurrentHashMap<ConnectionId, List<Long>>();
        var twice = new CopyOnWriteArrayList<EventId>();
        var pool = Executors.newFixedThreadPool(4);
        var at = now();
        for (int t = 0; t < 4; t++) {
            var claimant = InstanceId.of("claimant-" + t);
            pool.submit(() -> {
                int idle = 0;
                while (idle < 50) {
                    var claimed = outbox.claim(claimant, at, LEASE, 7);
                    if (claimed.isEmpty()) {
                        idle++;
                        Thread.onSpinWait();
                        continue;
                    }
                    idle = 0;
                    for (var entry : claimed) {
                        if (handedTo.putIfAbsent(entry.event().id(), claimant) != null) {
                            twice.add(entry.event().id());
                        }
                        order.computeIfAbsent(entry.event().event().connectionId(),
                                id -> Collections.synchronizedList(new ArrayList<>())).add(entry.event().sequence());
                        outbox.delivered(entry.event().id(), at);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(twice).as("events handed to two live claimants").isEmpty();
        assertThat(handedTo).hasSize(total);
        assertThat(order.values()).allSatisfy(sequences -> assertThat(sequences).isSorted());
        assertThat(outbox.counts().delivered()).isEqualTo(total);
        var byClaimant = new HashMap<InstanceId, Integer>();
        handedTo.values().forEach(claimant -> byClaimant.merge(claimant, 1, Integer::sum));
        assertThat(new HashSet<>(byClaimant.keySet())).isNotEmpty();
    }

    @Test
    void another_namespace_never_reads_nor_retries_these_events_in_a_thousand_seeded_attempts() {
        var values = io.mcpconn.testkit.attack.AttackValues.seeded("event-outbox");
        var tenant = Namespace.of("Tenant-\u00e9");
        var connection = McpConnection.register(ServerName.of("target"), tenant, AGENT, McpConnections.httpConfig(),
                clock.instant());
        connection.startConnecting(clock.instant());
        repository.save(connection);
        var claimed = outbox.claim(ONE, now(), LEASE, 10).get(0).event();
        outbox.failed(new FailedDelivery.Parked(claimed.id(), 10, "listener broken", now()));
        var before = all(tenant);
        var ids = new ArrayList<EventId>();
        before.forEach(entry -> ids.add(entry.event().id()));
        int attempts = 0;
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            Namespace attacker;
            try {
                attacker = Namespace.of(i % 4 == 0 ? "other-" + i : values.variant(tenant.value()));
            } catch (io.mcpconn.domain.shared.DomainException e) {
                refused++;
                continue;
            }
            attempts++;
            assertThat(outbox.entries(attacker, 0, Optional.empty(), 1000)).as("%s %s", attacker, values.reproduce())
                    .isEmpty();
            var id = i % 3 == 0 ? EventId.random() : values.pick(ids);
            assertThat(outbox.retryParked(attacker, id, now())).as("%s %s", attacker, values.reproduce()).isFalse();
        }
        assertThat(all(tenant)).as("nothing changed " + values.reproduce()).isEqualTo(before);
        assertThat(attempts + refused).isEqualTo(1000);
        assertThat(attempts).isGreaterThan(500);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** For subclasses that count: how many events of each state a namespace holds. */
    protected final Map<DeliveryState, Long> statesIn(Namespace namespace) {
        var states = new HashMap<DeliveryState, Long>();
        all(namespace).forEach(entry -> states.merge(entry.state(), 1L, Long::sum));
        return states;
    }
}
