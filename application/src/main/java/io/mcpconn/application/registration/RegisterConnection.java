package io.mcpconn.application.registration;

import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.McpConnection;
import java.time.Clock;
import java.util.Objects;

/**
 * Use case: register an MCP server for an agent, disconnected, so it can be connected later.
 * Registering the same server again (same name, owner and configuration) is answered with the
 * existing connection, so a runtime may register its servers at every start; a name already used
 * otherwise in the namespace is refused with the id of the connection that has it.
 */
public final class RegisterConnection {

    private final ConnectionStore store;
    private final Clock clock;

    public RegisterConnection(ConnectionStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers the server and publishes {@code ConnectionRegistered}.
     *
     * @return the connection, and whether it was created now
     * @throws DuplicateServerNameException if the namespace has another connection of that name
     */
    public Registration handle(RegisterConnectionCommand command) {
        var existing = store.repository().findByServerName(command.namespace(), command.serverName());
        if (existing.isPresent()) {
            var connection = existing.get();
            if (connection.agentId().equals(command.owner()) && connection.config().equals(command.config())) {
                return new Registration(connection, false);
            }
            throw new DuplicateServerNameException(command.namespace(), command.serverName(), connection.id());
        }
        var connection = McpConnection.register(command.serverName(), command.namespace(), command.owner(),
                command.config(), clock.instant());
        store.save(connection);
        return new Registration(connection, true);
    }

    /**
     * A registered connection.
     *
     * @param connection the connection as saved
     * @param created    false if the same registration existed already
     */
    public record Registration(McpConnection connection, boolean created) {
        public Registration {
            Objects.requireNonNull(connection, "connection");
        }
    }
}
