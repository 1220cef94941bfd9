package io.mcpconn.application.session;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;

/**
 * What happens when a live session dies on its own (the server process exited, the HTTP connection
 * failed): the connection moves to ERROR with the cause, and this instance lets go of the session
 * and its lease.
 */
public final class LostSessions {

    private final ConnectionStore store;
    private final SessionRegistry registry;

    /** Records lost sessions of {@code registry} in {@code store}. */
    public LostSessions(ConnectionStore store, SessionRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The session of {@code id} died for {@code cause}. */
    public void sessionLost(Namespace namespace, ConnectionId id, String cause) {
        var session = registry.detach(id);
        if (session.isEmpty()) {
            // Closed or handed over meanwhile: the session is no longer this instance's to report.
            return;
        }
        session.get().close();
        try {
            store.update(namespace, ConnectionRef.of(id), connection -> {
                if (connection.status() != ConnectionStatus.ACTIVE) {
                    return false;
                }
                connection.fail("session lost: " + cause, registry.now());
                return true;
            });
        } catch (McpConnectionNotFoundException e) {
            // Removed meanwhile: nothing left to record.
        } finally {
            registry.release(namespace, id);
        }
    }
}
