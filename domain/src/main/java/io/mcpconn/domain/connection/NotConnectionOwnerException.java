package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;

/**
 * An agent tried to remove a connection another agent owns.
 */
public final class NotConnectionOwnerException extends DomainException {

    private static final long serialVersionUID = 1L;

    public NotConnectionOwnerException(Namespace namespace, ConnectionId id, AgentId agent) {
        super("connection " + id + " in namespace " + namespace + " is not owned by agent " + agent + "; only its owner may remove it");
    }
}
