package io.mcpconn.application.event;

import static io.mcpconn.testkit.fixtures.McpConnections.AGENT;
import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.event.DeliveryPolicy;
import io.mcpconn.domain.event.DeliveryState;
import io.mcpconn.domain.event.EventOutbox;
import io.mcpconn.domain.event.OutboxEntry;
import io.mcpconn.domain.event.StoredEvent;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventRelayTest {

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
    private final InMemoryMcpConnectionRepository repository = new InMemoryMcpConnectionRepository();
    private final EventOutbox outbox = repository.outbox();
    private final List<StoredEvent> heard = new CopyOnWriteArrayList<>();
    private final DeliveryPolicy policy = new DeliveryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4));

    private EventRelay relay(DomainEventPublisher listener) {
        return new EventRelay(outbox, listener, InstanceId.of("relay"), clock, policy, Duration.ofSeconds(30),
                Duration.ofHours(1));
    }

    private McpConnection saveChanged(String name) {
        var connection = McpConnection.register(ServerName.of(name), NAMESPACE, AGENT, McpConnections.httpConfig(),
                clock.instant());
        connection.startConnecting(clock.instant());
        repository.save(connection);
        return connection;
    }

    private List<OutboxEntry> entries() {
        return outbox.entries(NAMESPACE, 0, Optional.empty(), 100);
    }

    @Test
    void delivers_every_stored_event_in_order_and_marks_it_delivered() {
        saveChanged("a");
        saveChanged("b");

        var report = relay(heard::add).deliverDue();

        assertThat(report).isEqualTo(new RelayReport(4, 0, 0));
        assertThat(heard).as("one connection's events in order, rounds of one per connection")
                .extracting(StoredEvent::sequence).containsExactly(1L, 3L, 2L, 4L);
        assertThat(entries()).allSatisfy(entry -> assertThat(entry.state()).isEqualTo(DeliveryState.DELIVERED));
        assertThat(relay(heard::add).deliverDue()).isEqualTo(RelayReport.NOTHING);
    }

    @Test
    void a_failing_listener_gets_the_event_again_after_the_back_off_and_its_successors_wait() {
        saveChanged("a");
        var failures = new AtomicInteger(1);
        var relay = relay(event -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("bus down");
            }
            heard.add(event);
        });

        assertThat(relay.deliverDue()).isEqualTo(new RelayReport(0, 1, 0));
        assertThat(heard).isEmpty();
        var failed = entries().get(0);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("IllegalStateException: bus down");
        assertThat(relay.deliverDue()).as("not before the back-off").isEqualTo(RelayReport.NOTHING);

        clock.advance(Duration.ofSeconds(2));
        assertThat(relay.deliverDue()).isEqualTo(new RelayReport(2, 0, 0));
        assertThat(heard).extracting(event -> event.event().getClass().getSimpleName())
                .containsExactly("ConnectionRegistered", "ConnectingStarted");
    }

    @Test
    void an_event_is_parked_after_the_last_attempt_and_kept() {
        saveChanged("a");
        var relay = relay(event -> {
            if (event.sequence() == 1) {
                throw new IllegalStateException();
            }
            heard.add(event);
        });

        var total = RelayReport.NOTHING;
        for (int i = 0; i < 5; i++) {
            total = total.plus(relay.deliverDue());
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(total).isEqualTo(new RelayReport(1, 2, 1));
        var parked = entries().get(0);
        assertThat(parked.state()).isEqualTo(DeliveryState.PARKED);
        assertThat(parked.attempts()).isEqualTo(3);
        assertThat(parked.lastError()).contains("IllegalStateException");
        assertThat(heard).extracting(StoredEvent::sequence).containsExactly(2L);
    }

    @Test
    void a_failing_outbox_is_logged_by_deliver_safely_and_thrown_by_deliver_due() {
        var broken = new InMemoryMcpConnectionRepository().outbox();
        var failing = new EventRelay(new DelegatingOutbox(broken) {
            @Override
            public List<OutboxEntry> claim(InstanceId instance, java.time.Instant now, Duration lease, int limit) {
                throw new IllegalStateException("database gone");
            }
        }, heard::add, InstanceId.of("relay"), clock, policy, Duration.ofSeconds(30), Duration.ofHours(1));

        assertThat(failing.deliverSafely()).isEqualTo(RelayReport.NOTHING);
        assertThatThrownBy(failing::deliverDue).hasMessage("database gone");
    }

    @Test
    void purges_what_was_delivered_before_the_retention() {
        saveChanged("a");
        var relay = relay(heard::add);
        relay.deliverDue();

        assertThat(relay.purge()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(relay.purge()).isEqualTo(2);
        assertThat(entries()).isEmpty();
    }

    @Test
    void in_the_background_it_delivers_what_is_left_and_stops_on_close() throws Exception {
        saveChanged("a");
        var relay = relay(heard::add);
        relay.start(Duration.ofMillis(20));
        assertThatThrownBy(() -> relay.start(Duration.ofMillis(20))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running already");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (heard.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(heard).hasSize(2);

        relay.close();
        relay.close();
        saveChanged("b");
        Thread.sleep(100);
        assertThat(heard).as("nothing after close").hasSize(2);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("mcpconn-event-relay"));
    }

    @Test
    void refuses_settings_that_cannot_work() {
        assertThatThrownBy(() -> new EventRelay(outbox, heard::add, InstanceId.of("r"), clock, policy, Duration.ZERO,
                Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claim lease");
        assertThatThrownBy(() -> new EventRelay(outbox, heard::add, InstanceId.of("r"), clock, policy,
                Duration.ofSeconds(-1), Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventRelay(outbox, heard::add, InstanceId.of("r"), clock, policy,
                Duration.ofSeconds(1), Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention");
        assertThat(new EventRelay(outbox, heard::add, InstanceId.of("r"), clock, policy, Duration.ofSeconds(1),
                Duration.ZERO).outbox()).isSameAs(outbox);
        var relay = relay(heard::add);
        assertThatThrownBy(() -> relay.start(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poll interval");
    }

    @Test
    void reports_add_up_and_are_never_negative() {
        assertThat(new RelayReport(1, 2, 3).plus(new RelayReport(10, 20, 30))).isEqualTo(new RelayReport(11, 22, 33));
        assertThatThrownBy(() -> new RelayReport(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelayReport(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelayReport(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ArrayList<>(List.of(RelayReport.NOTHING))).containsExactly(new RelayReport(0, 0, 0));
    }

    @Test
    void a_relay_without_a_listener_leaves_every_event_stored_for_one_that_listens() {
        saveChanged("a");
        var idle = EventRelay.notDelivering(outbox, InstanceId.of("cli"), clock);
        idle.start(Duration.ofMillis(10));

        assertThat(idle.deliverDue()).isEqualTo(RelayReport.NOTHING);
        assertThat(idle.isDelivering()).isFalse();
        assertThat(relay(heard::add).isDelivering()).isTrue();
        assertThat(entries()).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(entry.handedOut()).isZero();
        });
        idle.close();
    }
}
