package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;

/**
 * Tools were re-discovered or called on a connection that is not {@link ConnectionStatus#ACTIVE}:
 * only an active connection has a server session.
 */
public final class ConnectionNotActiveException extends DomainException {

    private static final long serialVersionUID = 1L;

    ConnectionNotActiveException(ConnectionId id, ServerName serverName, ConnectionStatus status) {
        super("connection " + id + " (" + serverName + ") is " + status
                + "; tools can only be listed or called on an ACTIVE connection, connect it first");
    }
}
