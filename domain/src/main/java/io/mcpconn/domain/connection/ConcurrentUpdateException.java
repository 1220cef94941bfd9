package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;

/**
 * A save found the stored connection newer than the one being saved: someone else saved it since it was loaded. Reload, reapply the change and save again.
 */
public final class ConcurrentUpdateException extends DomainException {

    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(ConnectionId id, long expectedVersion, long storedVersion) {
        super("connection " + id + " was changed by someone else (stored version " + storedVersion + ", this copy is version " + expectedVersion + "); reload it and apply the change again");
    }

    private ConcurrentUpdateException(String message) {
        super(message);
    }

    /**
     * A new connection's id is taken. Ids are unique across namespaces, so this says no more than
     * that: not where, nor at which version.
     */
    public static ConcurrentUpdateException idTaken(ConnectionId id) {
        return new ConcurrentUpdateException("connection id " + id + " is taken; register the connection with a new"
                + " (random) id");
    }
}
