package io.mcpconn.application.disconnect;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.connection.ConnectionView;
import io.mcpconn.application.connection.SessionHeldElsewhereException;
import io.mcpconn.application.disconnect.DisconnectResult.Outcome;
import io.mcpconn.application.mcp.CloseOutcome;
import io.mcpconn.application.session.SessionRegistry;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: disconnect a connection gracefully. An active session this instance holds goes
 * ACTIVE → DISCONNECTING (saved), is closed with no database write open, and ends DISCONNECTED
 * even if the server did not take part — the result and the event's reason then say so. A
 * connection already disconnected is answered without error; one in ERROR is cleared; one whose
 * session died with another process is recovered. A session another live instance holds is left
 * alone.
 */
public final class DisconnectServer {

    private final ConnectionStore store;
    private final SessionRegistry registry;

    public DisconnectServer(ConnectionStore store, SessionRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Disconnects.
     *
     * @throws SessionHeldElsewhereException if another live instance holds the session, or this one
     *                                       is still opening it
     */
    public DisconnectResult handle(DisconnectCommand command) {
        var connection = store.load(command.namespace(), command.ref());
        switch (connection.status()) {
            case DISCONNECTED:
                return result(connection, Outcome.ALREADY_DISCONNECTED, Optional.empty());
            case ERROR:
                connection.disconnect(command.reason(), registry.now());
                store.save(connection);
                return result(connection, Outcome.ERROR_CLEARED, Optional.empty());
            default:
                break;
        }
        if (connection.status() == ConnectionStatus.ACTIVE && registry.find(connection.id()).isPresent()) {
            return close(connection, command.reason());
        }
        var lease = registry.lease(connection.namespace(), connection.id());
        if (registry.isHere(connection.id()) || !connection.recoverStaleSession(lease, registry.now())) {
            throw new SessionHeldElsewhereException(connection,
                    registry.isHere(connection.id()) ? Optional.empty() : lease);
        }
        store.save(connection);
        registry.clearExpiredLease(connection);
        return result(connection, Outcome.RECOVERED_STALE, Optional.empty());
    }

    private DisconnectResult close(McpConnection connection, String reason) {
        var namespace = connection.namespace();
        var id = connection.id();
        connection.startDisconnecting(registry.now());
        store.save(connection);
        CloseOutcome closed = registry.detach(id).map(session -> session.close())
                .orElse(CloseOutcome.forced("the session was gone already"));
        try {
            var disconnected = store.update(namespace, ConnectionRef.of(id), fresh -> {
                fresh.disconnect(closed.problem().map(problem -> reason + "; " + problem).orElse(reason),
                        registry.now());
                return true;
            });
            return result(disconnected, Outcome.CLOSED, closed.problem());
        } finally {
            registry.release(namespace, id);
        }
    }

    private DisconnectResult result(McpConnection connection, Outcome outcome, Optional<String> problem) {
        return new DisconnectResult(ConnectionView.of(connection,
                registry.lease(connection.namespace(), connection.id()), registry.isHere(connection.id()),
                registry.now()), outcome, problem);
    }
}
