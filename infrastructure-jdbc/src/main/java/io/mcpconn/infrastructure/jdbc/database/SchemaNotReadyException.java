package io.mcpconn.infrastructure.jdbc.database;

import java.util.Optional;

/**
 * A repository was opened on a database whose schema is older than it needs (or was never
 * migrated): every statement would otherwise fail with a raw "no such column". Nothing was read or
 * written; migrate the database first.
 */
public final class SchemaNotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final String current;
    private final String required;

    /**
     * The refusal of {@code needer}, which needs {@code required}, on {@code database} (as
     * {@link SqlDatabase#describe()} says it), which is at {@code current}.
     */
    public SchemaNotReadyException(String database, Optional<String> current, String required, String needer) {
        super(capitalized(database) + " is " + current.map(v -> "at schema version " + v).orElse("not migrated")
                + ", but " + needer + " needs version " + required + " or later; migrate it first");
        this.database = database;
        this.current = current.orElse(null);
        this.required = required;
    }

    /** The database, as {@link SqlDatabase#describe()} says it. */
    public String database() {
        return database;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The version applied last; empty if none is. */
    public Optional<String> current() {
        return Optional.ofNullable(current);
    }

    /** The version needed. */
    public String required() {
        return required;
    }
}
