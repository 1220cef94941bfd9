package io.mcpconn.application.event;

import io.mcpconn.domain.connection.McpConnectionEvent;
import java.util.List;

/**
 * Outbound port: hands the events of a saved connection to whoever listens (a runtime's event
 * bus, a log, a metrics counter). Called after the save succeeded, so listeners never hear of a
 * change that was not stored.
 */
@FunctionalInterface
public interface DomainEventPublisher {

    /** Publishes {@code events}, oldest first. */
    void publish(List<McpConnectionEvent> events);

    /** A publisher that drops everything, for runtimes that do not listen. */
    static DomainEventPublisher none() {
        return events -> { };
    }
}
