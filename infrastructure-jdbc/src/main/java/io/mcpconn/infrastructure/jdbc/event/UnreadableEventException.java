package io.mcpconn.infrastructure.jdbc.event;

import io.mcpconn.infrastructure.jdbc.connection.EventRows;

/** A stored event row that does not hold an event this version of mcpconn can read; names the row. */
public final class UnreadableEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long sequence;

    UnreadableEventException(String database, long sequence, String reason) {
        super("event #" + sequence + " in " + EventRows.TABLE + " of " + database + ": " + reason);
        this.sequence = sequence;
    }

    /** The row's {@code seq}. */
    public long sequence() {
        return sequence;
    }
}
