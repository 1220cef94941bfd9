package io.mcpconn.infrastructure.sqlite.connection;

/**
 * A stored connection row holds a value that cannot become part of a connection: invalid JSON, an
 * unknown status, an unreadable timestamp. The message names the row and the column (never the
 * value, which may be a secret) and how to repair it; other rows are unaffected.
 */
public final class CorruptConnectionRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String rowId;
    private final String column;

    CorruptConnectionRowException(String rowId, String column, String problem) {
        super("stored connection " + rowId + " cannot be read: column " + column + " " + problem
                + ". Other connections are not affected; correct the value with an UPDATE, or remove the row with"
                + " DELETE FROM mcp_connections WHERE id = '" + rowId.replace("'", "''") + "'");
        this.rowId = rowId;
        this.column = column;
    }

    /** The {@code id} of the row, as stored. */
    public String rowId() {
        return rowId;
    }

    /** The column whose value is unusable. */
    public String column() {
        return column;
    }
}
