package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.Namespace;

/**
 * No connection with the id exists in the namespace (one in another namespace counts as missing).
 */
public final class McpConnectionNotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public McpConnectionNotFoundException(Namespace namespace, ConnectionId id) {
        super("no connection " + id + " in namespace " + namespace + "; list the namespace's connections to find its id");
    }

    /** No connection named {@code serverName} in {@code namespace}. */
    public McpConnectionNotFoundException(Namespace namespace, ServerName serverName) {
        super("no connection named " + serverName + " in namespace " + namespace
                + "; list the namespace's connections to see their names");
    }
}
