package io.mcpconn.testkit.events;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.event.DeliveryState;
import io.mcpconn.domain.event.EventId;
import io.mcpconn.domain.event.EventOutbox;
import io.mcpconn.domain.event.FailedDelivery;
import io.mcpconn.domain.event.OutboxCounts;
import io.mcpconn.domain.event.OutboxEntry;
import io.mcpconn.domain.event.StoredEvent;
import io.mcpconn.domain.tenancy.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link EventOutbox} in memory, which {@link io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository}
 * stores events in as it saves. Behaves as the SQL adapters do and passes the same contract suite.
 * Thread-safe.
 */
public final class InMemoryEventOutbox implements EventOutbox {

    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long lastSequence;

    /**
     * Stores {@code events} as the next in sequence, for a repository in the middle of a save. Not
     * for callers that are not a repository: an event belongs with the change that raised it.
     */
    public synchronized void store(List<McpConnectionEvent> events) {
        for (var event : events) {
            lastSequence++;
            rows.put(lastSequence, new Row(new StoredEvent(EventId.random(), lastSequence, event)));
        }
    }

    @Override
    public synchronized List<OutboxEntry> claim(InstanceId instance, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(instance, "instance");
        var until = now.plus(lease);
        var blocked = new HashSet<ConnectionId>();
        var claimed = new ArrayList<OutboxEntry>();
        int wanted = Math.min(limit, MAX_CLAIM);
        for (var row : rows.values()) {
            if (claimed.size() >= wanted) {
                break;
            }
            if (row.state != DeliveryState.PENDING) {
                continue;
            }
            // Only the oldest unsettled event of each connection may be handed out.
            if (!blocked.add(row.event.event().connectionId())) {
                continue;
            }
            boolean due = row.nextAttemptAt == null || !row.nextAttemptAt.isAfter(now);
            boolean free = row.claimedUntil == null || row.claimedUntil.isBefore(now);
            if (due && free) {
                row.claimedUntil = until;
                row.handedOut++;
                claimed.add(row.entry());
            }
        }
        return claimed;
    }

    @Override
    public synchronized boolean delivered(EventId id, Instant at) {
        var row = find(id);
        if (row.isEmpty() || row.get().state != DeliveryState.PENDING) {
            return false;
        }
        row.get().settle(DeliveryState.DELIVERED, at);
        return true;
    }

    @Override
    public synchronized void failed(FailedDelivery failure) {
        find(failure.eventId()).filter(row -> row.state == DeliveryState.PENDING).ifPresent(row -> {
            row.attempts = failure.attempts();
            row.lastError = failure.error();
            if (failure instanceof FailedDelivery.RetryLater later) {
                row.nextAttemptAt = later.retryAt();
                row.claimedUntil = null;
            } else if (failure instanceof FailedDelivery.Parked parked) {
                row.settle(DeliveryState.PARKED, parked.parkedAt());
            }
        });
    }

    @Override
    public synchronized boolean retryParked(Namespace namespace, EventId id, Instant now) {
        var row = find(id).filter(r -> r.state == DeliveryState.PARKED && r.event.event().namespace().equals(namespace));
        row.ifPresent(r -> {
            r.state = DeliveryState.PENDING;
            r.settledAt = null;
            r.attempts = 0;
            r.nextAttemptAt = now;
        });
        return row.isPresent();
    }

    @Override
    public synchronized int purgeDelivered(Instant before) {
        var purged = rows.values().stream()
                .filter(row -> row.state == DeliveryState.DELIVERED && row.settledAt.isBefore(before))
                .map(row -> row.event.sequence()).toList();
        purged.forEach(rows::remove);
        return purged.size();
    }

    @Override
    public synchronized List<OutboxEntry> entries(Namespace namespace, long afterSequence, Optional<Instant> since,
                                                  int limit) {
        return rows.tailMap(afterSequence, false).values().stream()
                .filter(row -> row.event.event().namespace().equals(namespace))
                .filter(row -> since.map(at -> !row.event.event().occurredAt().isBefore(at)).orElse(true))
                .limit(Math.max(0, limit))
                .map(Row::entry)
                .toList();
    }

    @Override
    public synchronized OutboxCounts counts() {
        long pending = 0;
        long delivered = 0;
        long parked = 0;
        long again = 0;
        for (var row : rows.values()) {
            switch (row.state) {
                case PENDING -> pending++;
                case DELIVERED -> delivered++;
                case PARKED -> parked++;
            }
            if (row.handedOut > 1) {
                again++;
            }
        }
        return new OutboxCounts(pending, delivered, parked, again);
    }

    private Optional<Row> find(EventId id) {
        return rows.values().stream().filter(row -> row.event.id().equals(id)).findFirst();
    }

    /** What is kept of one event: a small mutable record, guarded by the outbox's lock. */
    private static final class Row {
        private final StoredEvent event;
        private DeliveryState state = DeliveryState.PENDING;
        private int attempts;
        private int handedOut;
        private String lastError;
        private Instant nextAttemptAt;
        private Instant claimedUntil;
        private Instant settledAt;

        Row(StoredEvent event) {
            this.event = event;
        }

        void settle(DeliveryState settled, Instant at) {
            state = settled;
            settledAt = at;
            claimedUntil = null;
            nextAttemptAt = null;
        }

        OutboxEntry entry() {
            return new OutboxEntry(event, state, attempts, handedOut, Optional.ofNullable(lastError),
                    Optional.ofNullable(nextAttemptAt).filter(at -> state == DeliveryState.PENDING),
                    Optional.ofNullable(settledAt));
        }
    }

    /** For tests of the outbox itself: every stored event, by sequence. */
    synchronized Map<Long, OutboxEntry> all() {
        var all = new TreeMap<Long, OutboxEntry>();
        rows.forEach((sequence, row) -> all.put(sequence, row.entry()));
        return all;
    }
}
