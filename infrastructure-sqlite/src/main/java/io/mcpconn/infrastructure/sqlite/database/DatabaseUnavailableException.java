package io.mcpconn.infrastructure.sqlite.database;

import java.nio.file.Path;

/**
 * The database file cannot be opened or written: a missing or read-only directory, a read-only
 * file, a path that is a directory or passes through a regular file, a file that is not an SQLite
 * database, a full disk. The message names the path, what is wrong and how to fix it.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    // Kept as text: Path is not Serializable, and exceptions are.
    private final String path;
    private final String reason;
    private final String fix;

    /**
     * Creates the exception for a problem found by looking at the file system.
     *
     * @param path the database file
     * @param reason what is wrong, as a clause (no trailing period)
     * @param fix what the user can do about it, e.g. a command to run
     */
    public DatabaseUnavailableException(Path path, String reason, String fix) {
        super(message(path, reason, fix));
        this.path = path.toString();
        this.reason = reason;
        this.fix = fix;
    }

    /**
     * Creates the exception for a problem an I/O or SQL error revealed.
     *
     * @param path the database file
     * @param reason what is wrong, as a clause (no trailing period)
     * @param fix what the user can do about it, e.g. a command to run
     * @param cause the underlying I/O or SQL error
     */
    public DatabaseUnavailableException(Path path, String reason, String fix, Throwable cause) {
        super(message(path, reason, fix), cause);
        this.path = path.toString();
        this.reason = reason;
        this.fix = fix;
    }

    private static String message(Path path, String reason, String fix) {
        return "Cannot use the SQLite database " + path + ": " + reason + ". Fix: " + fix;
    }

    /** Returns the database file that could not be used. */
    public Path path() {
        return Path.of(path);
    }

    /** Returns what is wrong, without the path and the fix. */
    public String reason() {
        return reason;
    }

    /** Returns what the user can do about it. */
    public String fix() {
        return fix;
    }
}
