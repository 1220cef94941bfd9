package io.mcpconn.domain.event;

import io.mcpconn.domain.connection.McpConnectionEvent;
import java.util.Objects;

/**
 * An event as the outbox keeps it: the event, its stable id, and its place in the order events were
 * stored in. Listeners are handed these, at least once each; two deliveries of one event carry the
 * same {@link #id()}.
 *
 * @param id stable across redeliveries
 * @param sequence increasing in the order the events were stored (across connections); events of
 *     one connection are delivered in this order
 * @param event what happened
 */
public record StoredEvent(EventId id, long sequence, McpConnectionEvent event) {

    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        if (sequence < 1) {
            throw new IllegalArgumentException("an event's sequence starts at 1, not " + sequence);
        }
    }
}
