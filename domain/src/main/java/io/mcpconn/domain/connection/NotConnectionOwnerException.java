package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;

/**
 * An agent tried to remove a connection another agent owns, or a save tried to give a connection
 * another owner.
 */
public final class NotConnectionOwnerException extends DomainException {

    private static final long serialVersionUID = 1L;

    public NotConnectionOwnerException(Namespace namespace, ConnectionId id, AgentId agent) {
        super("connection " + id + " in namespace " + namespace + " is not owned by agent " + agent + "; only its owner may remove it");
    }

    private NotConnectionOwnerException(String message) {
        super(message);
    }

    /**
     * A save would give a stored connection another owner; the owner is fixed when the connection
     * is registered, and nothing was written.
     */
    public static NotConnectionOwnerException ownerIsFixed(Namespace namespace, ConnectionId id, AgentId owner,
            AgentId attempted) {
        return new NotConnectionOwnerException("connection " + id + " in namespace " + namespace + " is owned by agent "
                + owner + " since its registration; a save cannot give it to agent " + attempted
                + ". Register a new connection for that agent instead");
    }
}
