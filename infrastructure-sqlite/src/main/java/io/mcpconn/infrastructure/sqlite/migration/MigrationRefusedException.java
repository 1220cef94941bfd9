package io.mcpconn.infrastructure.sqlite.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An operation was refused before it changed anything, because the request or the state of the
 * database does not allow it. The message says what was found and how to go on through this
 * library's API; {@link #reason()} and {@link #details()} say the same as data, for a caller that
 * words its own advice (the command line names its commands).
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
        /** An applied migration differs from the one this build ships (its checksum does not match). */
        HISTORY_MISMATCH,
        /** Flyway's history records a migration as failed. */
        FAILED_MIGRATION,
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
        /**
         * The tables are not what the recorded version makes (another tool dropped, re-created or
         * altered them), and this operation does not heal that: only an upgrade with a backup does.
         */
        SCHEMA_DRIFT,
        /**
         * The tables drifted in a way an upgrade cannot reason about (a migration's objects half
         * there, something no migration makes), so it does not touch them.
         */
        UNHEALABLE_DRIFT,
        /** Another process changed the schema while this operation prepared; nothing was done. */
        CONCURRENT_CHANGE,
        /**
         * The file to restore from is no backup that may replace a database: missing, a partial copy
         * of an interrupted backup, not an SQLite database, failing its integrity check, or at a
         * version this build does not know.
         */
        BACKUP_UNUSABLE
    }

    /** The operation that was refused. */
    public enum Operation {
        /** {@link SchemaMigrator#upgrade} (and {@code migrate}). */
        UPGRADE,
        /** {@link SchemaMigrator#downgrade}. */
        DOWNGRADE,
        /** {@link SchemaMigrator#stamp}. */
        STAMP,
        /** {@link SchemaMigrator#backup}, or the backup taken before a change. */
        BACKUP,
        /** {@link SchemaMigrator#restore} and {@link SchemaMigrator#checkBackup}. */
        RESTORE,
        /** Any other operation. */
        OTHER
    }

    /**
     * The data behind a refusal; each field is there when it applies to the reason.
     *
     * @param operation what was refused
     * @param database the database file
     * @param file the other file involved: the backup to write or to restore from
     * @param version the version concerned: the target asked for, or the one found (a newer
     *     build's, a failed or edited migration's, the shipped version an unmanaged table matches)
     * @param current the version the database is at
     * @param versions the versions concerned: those known to this build for an unknown version,
     *     those without down script, those a backup holds that this build does not know
     * @param count the rows that would be lost
     */
    public record Details(Operation operation, Optional<Path> database, Optional<Path> file,
            Optional<String> version, Optional<String> current, List<String> versions, OptionalLong count) {

        /** No data but the operation. */
        public static final Details NONE = new Details(Operation.OTHER, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), OptionalLong.empty());

        /** Checks the fields and copies the list. */
        public Details {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(current, "current");
            versions = List.copyOf(versions);
            Objects.requireNonNull(count, "count");
        }

        /** Returns the details of refusing {@code operation} on {@code database}. */
        public static Details of(Operation operation, Path database) {
            return NONE.withOperation(operation).withDatabase(database);
        }

        /** Returns these details for {@code value}. */
        public Details withOperation(Operation value) {
            return new Details(value, database, file, version, current, versions, count);
        }

        /** Returns these details with {@code value} as the database. */
        public Details withDatabase(Path value) {
            return new Details(operation, Optional.of(value), file, version, current, versions, count);
        }

        /** Returns these details with {@code value} as the other file. */
        public Details withFile(Path value) {
            return new Details(operation, database, Optional.of(value), version, current, versions, count);
        }

        /** Returns these details with {@code value} as the version concerned. */
        public Details withVersion(String value) {
            return new Details(operation, database, file, Optional.of(value), current, versions, count);
        }

        /** Returns these details with {@code value} as the version concerned, if there is one. */
        public Details withVersion(Optional<String> value) {
            return new Details(operation, database, file, value, current, versions, count);
        }

        /** Returns these details with {@code value} as the current version. */
        public Details withCurrent(String value) {
            return new Details(operation, database, file, version, Optional.of(value), versions, count);
        }

        /** Returns these details with {@code value} as the versions concerned. */
        public Details withVersions(List<String> value) {
            return new Details(operation, database, file, version, current, value, count);
        }

        /** Returns these details with {@code value} as the count. */
        public Details withCount(long value) {
            return new Details(operation, database, file, version, current, versions, OptionalLong.of(value));
        }
    }

    private final Reason reason;
    private final String problem;
    private final String fix;
    // Not kept when serialised: Path and Optional are not Serializable.
    private final transient Details details;

    /**
     * Creates the exception without data beyond its reason.
     *
     * @param reason why the operation was refused
     * @param problem what was found, naming the database, as a sentence without the final period
     * @param fix what the caller can do about it
     */
    public MigrationRefusedException(Reason reason, String problem, String fix) {
        this(reason, problem, fix, Details.NONE);
    }

    /**
     * Creates the exception.
     *
     * @param reason why the operation was refused
     * @param problem what was found, naming the database, as a sentence without the final period
     * @param fix what the caller can do about it, in this library's terms
     * @param details the data behind the refusal
     */
    public MigrationRefusedException(Reason reason, String problem, String fix, Details details) {
        super(problem + ". Fix: " + fix);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = Objects.requireNonNull(fix, "fix");
        this.details = Objects.requireNonNull(details, "details");
    }

    /** Returns what was found, without the fix. */
    public String problem() {
        return problem;
    }

    /** Returns the data behind the refusal; {@link Details#NONE} after deserialisation. */
    public Details details() {
        return details == null ? Details.NONE : details;
    }

    /** Returns why the operation was refused. */
    public Reason reason() {
        return reason;
    }

    /** Returns what the caller can do about it, in this library's terms. */
    public String fix() {
        return fix;
    }
}
