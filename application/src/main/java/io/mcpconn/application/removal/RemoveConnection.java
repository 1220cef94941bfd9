package io.mcpconn.application.removal;

import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.disconnect.DisconnectCommand;
import io.mcpconn.application.disconnect.DisconnectServer;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.NotConnectionOwnerException;
import java.time.Clock;
import java.util.Objects;

/**
 * Use case: remove a connection for its owner. Ownership is checked before anything happens; a
 * connection in use is disconnected first (its session closed gracefully, or recovered if it died
 * with another process); then the aggregate records the removal and the repository deletes it,
 * version-checked.
 */
public final class RemoveConnection {

    private final ConnectionStore store;
    private final DisconnectServer disconnect;
    private final Clock clock;

    public RemoveConnection(ConnectionStore store, DisconnectServer disconnect, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.disconnect = Objects.requireNonNull(disconnect, "disconnect");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Removes the connection.
     *
     * @return the connection as it was when removed
     * @throws NotConnectionOwnerException if {@code by} does not own it
     * @throws io.mcpconn.application.connection.SessionHeldElsewhereException if another live
     *         instance holds its session
     */
    public McpConnection handle(RemoveConnectionCommand command) {
        var connection = store.load(command.namespace(), command.ref());
        connection.requireOwner(command.by());
        if (connection.status().hasSession()) {
            disconnect.handle(new DisconnectCommand(command.namespace(), ConnectionRef.of(connection.id()),
                    "removed by " + command.by()));
            connection = store.load(command.namespace(), ConnectionRef.of(connection.id()));
        }
        connection.remove(command.by(), clock.instant());
        store.delete(connection);
        return connection;
    }
}
