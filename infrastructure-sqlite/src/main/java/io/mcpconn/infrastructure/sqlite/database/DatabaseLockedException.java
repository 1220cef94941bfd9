package io.mcpconn.infrastructure.sqlite.database;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Another connection or process held the database longer than the busy timeout (SQLite's
 * "database is locked"). Nothing was written; the operation can be retried.
 */
public final class DatabaseLockedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    // Kept as text: Path is not Serializable, and exceptions are.
    private final String path;

    /**
     * Creates the exception for a wait that this process itself gave up on.
     *
     * @param path the database file
     * @param waited how long the operation waited before giving up
     */
    public DatabaseLockedException(Path path, Duration waited) {
        super(message(path, waited));
        this.path = path.toString();
    }

    /**
     * Creates the exception for a lock SQLite reported.
     *
     * @param path the database file
     * @param waited how long the operation waited before giving up
     * @param cause the underlying SQL error
     */
    public DatabaseLockedException(Path path, Duration waited, Throwable cause) {
        super(message(path, waited), cause);
        this.path = path.toString();
    }

    private static String message(Path path, Duration waited) {
        return "The SQLite database " + path + " is locked: another connection or process kept it busy for more"
                + " than " + waited.toMillis() + " ms. Fix: stop other programs using it (another mcpconn process,"
                + " a sqlite3 shell, a backup tool), then retry; if writers are merely slow, raise the busy timeout";
    }

    /** Returns the database file that was locked. */
    public Path path() {
        return Path.of(path);
    }
}
