package io.mcpconn.infrastructure.jdbc.migration;

import io.mcpconn.infrastructure.jdbc.database.SqlDatabase;
import java.util.Optional;

/**
 * A repository refused a database whose tables are not what its migration history records
 * (another tool dropped, re-created or altered them): every statement would otherwise fail with a
 * raw "no such table" or "no such column". Nothing was written. An upgrade with a backup heals the
 * schema.
 */
public final class SchemaDriftException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String database;
    // Not kept when serialised: Optional and the record are not Serializable.
    private final transient SchemaDrift drift;

    /** The refusal of {@code needer} on {@code database} (as {@link SqlDatabase#describe()} says it), whose schema drifted. */
    public SchemaDriftException(String database, SchemaDrift drift, String needer) {
        super(capitalized(database) + " is recorded at schema version " + drift.recorded() + ", but its tables are"
                + " not what that version makes, so " + needer + " cannot use it: " + drift.describe()
                + ". Upgrade it with a backup first, which re-creates what is missing");
        this.database = database;
        this.drift = drift;
    }

    /**
     * A statement failed because a table or column the recorded schema has is missing ({@code sqlMessage},
     * the database's words), found while working rather than when the repository was made.
     */
    public SchemaDriftException(String database, String sqlMessage, Throwable cause) {
        super(capitalized(database) + " lost part of its schema while in use (" + sqlMessage + "): another tool"
                + " dropped or re-created its tables, e.g. Alembic's downgrade and upgrade of the seed's revision;"
                + " nothing was written. Reading the schema status names the differences, and an upgrade with a"
                + " backup re-creates what is missing", cause);
        this.database = database;
        this.drift = null;
    }

    /** The database, as {@link SqlDatabase#describe()} says it. */
    public String database() {
        return database;
    }

    /** What differs from the recorded version, when it was read; empty when a statement found it. */
    public Optional<SchemaDrift> drift() {
        return Optional.ofNullable(drift);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
