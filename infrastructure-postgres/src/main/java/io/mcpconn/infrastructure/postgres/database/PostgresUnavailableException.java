package io.mcpconn.infrastructure.postgres.database;

/**
 * The PostgreSQL server cannot be used: it does not answer, refuses the credentials, has no such
 * database, or went away. The message names the database (never the password), what is wrong and
 * how to fix it.
 */
public final class PostgresUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final String reason;
    private final String fix;

    /**
     * Creates the exception.
     *
     * @param database the database, as {@link PostgresDatabase#describe()} says it
     * @param reason what is wrong, as a clause (no trailing period)
     * @param fix what the user can do about it
     * @param cause the driver's error
     */
    public PostgresUnavailableException(String database, String reason, String fix, Throwable cause) {
        super("Cannot use " + database + ": " + reason + ". Fix: " + fix, cause);
        this.database = database;
        this.reason = reason;
        this.fix = fix;
    }

    /** Returns the database that could not be used. */
    public String database() {
        return database;
    }

    /** Returns what is wrong, without the database and the fix. */
    public String reason() {
        return reason;
    }

    /** Returns what the user can do about it. */
    public String fix() {
        return fix;
    }
}
