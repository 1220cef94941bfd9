package io.mcpconn.application.connection;

import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.SessionLease;
import java.util.Optional;

/**
 * The live session of a connection is held by another running instance (or is being opened by
 * this one): it is not taken over, reset or closed from here while its lease lives.
 */
public final class SessionHeldElsewhereException extends ApplicationException {

    private static final long serialVersionUID = 1L;

    /** {@code connection}'s session is held under {@code lease} (empty: being opened by this instance). */
    public SessionHeldElsewhereException(McpConnection connection, Optional<SessionLease> lease) {
        super("connection " + connection.serverName() + " (" + connection.id() + ") is " + connection.status()
                + lease.map(held -> " and its session is held by instance " + held.holder() + " until "
                        + held.expiresAt() + "; use it there, or wait until that instance stops and its lease expires")
                        .orElse(" in this instance right now; wait until that finishes"));
    }
}
