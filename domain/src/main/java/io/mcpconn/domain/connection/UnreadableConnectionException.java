package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;
import java.util.Objects;

/**
 * The one connection asked for is stored, but cannot be read back (see
 * {@link UnreadableConnection}). Repository adapters throw it from reads of a single connection;
 * listings report such rows in {@link Page#unreadable()} instead.
 */
public final class UnreadableConnectionException extends DomainException {

    private static final long serialVersionUID = 1L;

    // The parts, not the record: exceptions are serializable, and the record need not be.
    private final String storedId;
    private final String column;
    private final String problem;
    private final String repair;

    public UnreadableConnectionException(UnreadableConnection unreadable) {
        super(Objects.requireNonNull(unreadable, "unreadable").describe());
        this.storedId = unreadable.storedId();
        this.column = unreadable.column();
        this.problem = unreadable.problem();
        this.repair = unreadable.repair();
    }

    /** Which row and column, what is wrong and how to repair it. */
    public UnreadableConnection unreadable() {
        return new UnreadableConnection(storedId, column, problem, repair);
    }
}
