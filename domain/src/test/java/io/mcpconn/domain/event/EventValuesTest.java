package io.mcpconn.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectingStarted;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.Namespace;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventValuesTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final StoredEvent STORED = new StoredEvent(EventId.random(), 1,
            new ConnectingStarted(ConnectionId.random(), Namespace.of("ns"), ServerName.of("s"), AT));

    @Test
    void an_event_id_reads_back_from_its_text() {
        var id = EventId.random();

        assertThat(EventId.parse(id.toString())).isEqualTo(id);
        assertThat(EventId.parse(id.toString().toUpperCase())).isEqualTo(id);
        assertThat(id.value()).isInstanceOf(UUID.class);
    }

    @Test
    void an_event_id_is_a_whole_uuid() {
        assertThatThrownBy(() -> EventId.parse("1-2-3-4-5")).isInstanceOf(InvalidValueException.class)
                .hasMessage("event id \"1-2-3-4-5\" is not a UUID (8-4-4-4-12 hexadecimal digits)");
        assertThatThrownBy(() -> EventId.parse("not an id")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void sequences_start_at_one() {
        assertThatThrownBy(() -> new StoredEvent(EventId.random(), 0, STORED.event()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts at 1, not 0");
        assertThat(new StoredEvent(STORED.id(), 1, STORED.event()).sequence()).isEqualTo(1);
    }

    @Test
    void a_failed_delivery_counts_at_least_one_attempt() {
        assertThatThrownBy(() -> new FailedDelivery.RetryLater(STORED.id(), 0, "e", AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
        assertThatThrownBy(() -> new FailedDelivery.Parked(STORED.id(), 0, "e", AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new FailedDelivery.Parked(STORED.id(), 1, "e", AT).attempts()).isEqualTo(1);
    }

    @Test
    void an_entry_is_settled_exactly_when_delivered_or_parked() {
        assertThat(entry(DeliveryState.PENDING, 0, 0, Optional.empty()).state()).isEqualTo(DeliveryState.PENDING);
        assertThat(entry(DeliveryState.DELIVERED, 0, 1, Optional.of(AT)).settledAt()).contains(AT);
        assertThat(entry(DeliveryState.PARKED, 3, 3, Optional.of(AT)).attempts()).isEqualTo(3);
        assertThatThrownBy(() -> entry(DeliveryState.PENDING, 0, 0, Optional.of(AT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settled");
        assertThatThrownBy(() -> entry(DeliveryState.DELIVERED, 0, 1, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry(DeliveryState.PENDING, -1, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry(DeliveryState.PENDING, 0, -1, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void counts_are_never_negative() {
        assertThat(new OutboxCounts(0, 0, 0, 0).pending()).isZero();
        assertThatThrownBy(() -> new OutboxCounts(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboxCounts(0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboxCounts(0, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboxCounts(0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static OutboxEntry entry(DeliveryState state, int attempts, int handedOut, Optional<Instant> settled) {
        return new OutboxEntry(STORED, state, attempts, handedOut, Optional.empty(), Optional.empty(), settled);
    }
}
