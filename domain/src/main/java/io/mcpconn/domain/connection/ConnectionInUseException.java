package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;

/**
 * A connection was reconfigured while connecting, active or disconnecting: its server is in use
 * with the old configuration.
 */
public final class ConnectionInUseException extends DomainException {

    private static final long serialVersionUID = 1L;

    ConnectionInUseException(ConnectionId id, ServerName serverName, ConnectionStatus status) {
        super("connection " + id + " (" + serverName + ") is " + status
                + "; disconnect it before changing its configuration");
    }
}
