package io.mcpconn.application.registration;

import io.mcpconn.application.event.DomainEventPublisher;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import java.time.Clock;
import java.util.Objects;

/**
 * Use case: register an MCP server for an agent, disconnected, so it can be connected later.
 * A server name already used in the namespace is refused with the id of the connection that has it.
 */
public final class RegisterConnection {

    private final McpConnectionRepository connections;
    private final DomainEventPublisher events;
    private final Clock clock;

    public RegisterConnection(McpConnectionRepository connections, DomainEventPublisher events, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers the server and publishes {@code ConnectionRegistered}.
     *
     * @return the new connection, saved
     * @throws DuplicateServerNameException if the namespace already has a connection of that name
     */
    public McpConnection handle(RegisterConnectionCommand command) {
        connections.findByServerName(command.namespace(), command.serverName()).ifPresent(existing -> {
            throw new DuplicateServerNameException(command.namespace(), command.serverName(), existing.id());
        });
        var connection = McpConnection.register(command.serverName(), command.namespace(), command.owner(),
                command.config(), clock);
        connections.save(connection);
        events.publish(connection.pullEvents());
        return connection;
    }
}
