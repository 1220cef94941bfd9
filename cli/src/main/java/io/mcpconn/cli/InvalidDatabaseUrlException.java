package io.mcpconn.cli;

/** A database given by option or environment that names no SQLite file. The value shown is redacted. */
public final class InvalidDatabaseUrlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param source where the value came from, e.g. {@code TMWS_DATABASE_URL}
     * @param value the value as given; any password in it is masked in the message
     * @param problem what is wrong with it
     * @param fix what to pass instead
     */
    public InvalidDatabaseUrlException(String source, String value, String problem, String fix) {
        super("Cannot use the database " + DatabaseLocation.redact(value) + " from " + source + ": " + problem
                + ". Fix: " + fix);
    }
}
