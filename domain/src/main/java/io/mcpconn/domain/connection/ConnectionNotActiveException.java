package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;

/**
 * Tools were replaced on a connection that is not {@link ConnectionStatus#ACTIVE}: only an active
 * connection has a server to discover tools from.
 */
public final class ConnectionNotActiveException extends DomainException {

    private static final long serialVersionUID = 1L;

    ConnectionNotActiveException(ConnectionId id, ServerName serverName, ConnectionStatus status) {
        super("connection " + id + " (" + serverName + ") is " + status
                + "; tools can only be re-discovered on an ACTIVE connection, connect it first");
    }
}
