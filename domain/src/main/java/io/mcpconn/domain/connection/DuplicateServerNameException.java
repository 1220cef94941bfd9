package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.Namespace;

/**
 * Another connection in the namespace already uses the server name; names are unique per namespace.
 */
public final class DuplicateServerNameException extends DomainException {

    private static final long serialVersionUID = 1L;

    public DuplicateServerNameException(Namespace namespace, ServerName serverName, ConnectionId existing) {
        super("namespace " + namespace + " already has a connection named " + serverName + " (" + existing + "); choose another server name or update that connection");
    }
}
