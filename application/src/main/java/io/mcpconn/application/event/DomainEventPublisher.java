package io.mcpconn.application.event;

import io.mcpconn.domain.event.StoredEvent;

/**
 * Outbound port: hands the events of stored changes to whoever listens (a runtime's event bus, a
 * log, a metrics counter). The {@link EventRelay} calls it after the change was committed, one
 * event at a time, in order for each connection, at least once: an event is handed out again when
 * the call throws, or when the process died before the delivery was recorded. Two deliveries of one
 * event carry the same {@link StoredEvent#id()}, so a listener that must not act twice keeps the ids
 * it has seen.
 */
@FunctionalInterface
public interface DomainEventPublisher {

    /**
     * Takes {@code event}; returning is the acknowledgement. Throwing any runtime exception asks for
     * the event again later (after a back-off), until the delivery policy parks it.
     */
    void publish(StoredEvent event);

    /** A publisher that takes everything and does nothing, for runtimes that do not listen. */
    static DomainEventPublisher none() {
        return event -> { };
    }
}
