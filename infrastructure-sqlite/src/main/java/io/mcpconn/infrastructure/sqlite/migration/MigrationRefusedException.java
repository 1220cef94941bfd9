package io.mcpconn.infrastructure.sqlite.migration;

import java.util.Objects;

/**
 * An operation was refused before it changed anything, because the request or the state of the
 * database does not allow it. The message says what was found and how to go on.
 */
public final class MigrationRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an operation was refused. */
    public enum Reason {
        /** A version given to upgrade, downgrade or stamp is not one this build ships. */
        UNKNOWN_VERSION,
        /** The target is on the wrong side of the current version (e.g. upgrade to an older one). */
        WRONG_DIRECTION,
        /** {@code mcp_connections} exists without migration history and does not match V1. */
        UNMANAGED_SCHEMA,
        /** An applied migration differs from the one this build ships, or a failed one is recorded. */
        HISTORY_MISMATCH,
        /** The database was migrated by a newer build, whose migrations this one does not know. */
        NEWER_SCHEMA,
        /** A migration to be undone has no down script. */
        MISSING_DOWN_SCRIPT,
        /** Undoing would drop rows that no backup of this run holds. */
        UNBACKED_DATA_LOSS,
        /** The SQLite library lacks something the schema needs, such as the JSON functions. */
        SQLITE_UNSUPPORTED,
        /** The file to write a backup to exists already. */
        BACKUP_EXISTS,
        /** The database file does not exist and the operation only reads. */
        DATABASE_MISSING,
        /** Another process changed the schema while this operation prepared; nothing was done. */
        CONCURRENT_CHANGE,
        /**
         * The file to restore from is no backup that may replace a database: missing, a partial copy
         * of an interrupted backup, not an SQLite database, failing its integrity check, or at a
         * version this build does not know.
         */
        BACKUP_UNUSABLE
    }

    private final Reason reason;
    private final String fix;

    /**
     * Creates the exception.
     *
     * @param reason why the operation was refused
     * @param problem what was found, naming the database, as a sentence without the final period
     * @param fix what the user can do, e.g. the command to run
     */
    public MigrationRefusedException(Reason reason, String problem, String fix) {
        super(problem + ". Fix: " + fix);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.fix = fix;
    }

    /** Returns why the operation was refused. */
    public Reason reason() {
        return reason;
    }

    /** Returns what the user can do about it. */
    public String fix() {
        return fix;
    }
}
