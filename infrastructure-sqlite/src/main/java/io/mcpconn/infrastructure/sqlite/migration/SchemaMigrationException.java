package io.mcpconn.infrastructure.sqlite.migration;

/**
 * A migration could not be applied. The message says which one, where the database was left (a
 * failed migration is rolled back whole, so at the version before it) and why, in the words of the
 * migration itself when it checks its preconditions, such as V2's duplicate server names.
 */
public final class SchemaMigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the whole explanation, ready to show to a user
     * @param cause the Flyway or SQL error behind it
     */
    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
