package io.mcpconn.infrastructure.postgres.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration operation refused before changing anything, with the reason and its data, so that a
 * caller (the CLI) can say it in its own words.
 */
public final class PostgresMigrationRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    public enum Reason {
        /** The version asked for is not one this build ships. */
        UNKNOWN_VERSION,
        /** An upgrade's target is older than the version applied: that is a downgrade. */
        TARGET_BELOW_CURRENT,
        /** {@code mcp_connections} exists without migration history. */
        UNMANAGED_TABLE,
        /** Going below V1 would drop the table with the connections it holds. */
        WOULD_DROP_CONNECTIONS,
        /** The file a backup was asked to go to exists already: a backup never overwrites. */
        BACKUP_EXISTS,
        /** The directory a backup goes to does not exist or may not be written. */
        BACKUP_DIRECTORY_UNUSABLE,
        /** The backup to restore is not there. */
        BACKUP_MISSING
    }

    private final Reason reason;
    private final String database;
    private final transient Optional<String> version;
    private final transient List<String> known;
    private final long connections;
    private final transient Optional<Path> file;

    private PostgresMigrationRefusedException(Reason reason, String database, Optional<String> version,
            List<String> known, long connections, String message) {
        this(reason, database, version, known, connections, Optional.empty(), message);
    }

    private PostgresMigrationRefusedException(Reason reason, String database, Optional<String> version,
            List<String> known, long connections, Optional<Path> file, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.database = database;
        this.version = version;
        this.known = List.copyOf(known);
        this.connections = connections;
        this.file = file;
    }

    static PostgresMigrationRefusedException unknownVersion(String database, String version, String operation,
            List<String> known) {
        return new PostgresMigrationRefusedException(Reason.UNKNOWN_VERSION, database, Optional.of(version), known, 0,
                "Cannot " + operation + " " + database + " to version " + version + ": this build ships versions "
                        + String.join(", ", known) + "; give one of them, or base");
    }

    static PostgresMigrationRefusedException targetBelowCurrent(String database, String target, String current) {
        return new PostgresMigrationRefusedException(Reason.TARGET_BELOW_CURRENT, database, Optional.of(target),
                List.of(), 0, "Cannot upgrade " + database + " to version " + target + ": it is at " + current
                        + " already; going back is a downgrade (PostgresSchemaMigrator.downgrade)");
    }

    static PostgresMigrationRefusedException unmanagedTable(String database) {
        return new PostgresMigrationRefusedException(Reason.UNMANAGED_TABLE, database, Optional.empty(), List.of(), 0,
                "Cannot upgrade " + database + ": mcp_connections exists without migration history (another tool"
                        + " made it); verify it, then stamp it at the version it matches (PostgresSchemaMigrator.stamp)");
    }

    static PostgresMigrationRefusedException wouldDropConnections(String database, long connections) {
        return new PostgresMigrationRefusedException(Reason.WOULD_DROP_CONNECTIONS, database, Optional.of("0"),
                List.of(), connections, "Cannot downgrade " + database + " below version 1: that drops mcp_connections"
                        + " and its " + connections + " connection(s); back them up and ask for it with"
                        + " DowngradeRequest.discardData()");
    }

    static PostgresMigrationRefusedException backupExists(String database, Path file) {
        return new PostgresMigrationRefusedException(Reason.BACKUP_EXISTS, database, Optional.empty(), List.of(), 0,
                Optional.of(file), "Cannot back up " + database + " to " + file + ": the file exists, and a backup"
                        + " never overwrites one; name another file, or move that one away");
    }

    static PostgresMigrationRefusedException backupDirectoryUnusable(String database, Path file, String problem) {
        return new PostgresMigrationRefusedException(Reason.BACKUP_DIRECTORY_UNUSABLE, database, Optional.empty(),
                List.of(), 0, Optional.of(file), "Cannot back up " + database + " to " + file + ": " + problem
                        + "; create the directory or name a file in one this user may write");
    }

    static PostgresMigrationRefusedException backupMissing(String database, Path file) {
        return new PostgresMigrationRefusedException(Reason.BACKUP_MISSING, database, Optional.empty(), List.of(), 0,
                Optional.of(file), "Cannot restore " + database + " from " + file + ": there is no such file;"
                        + " name a pg_dump backup (custom format) of it");
    }

    /** Why it was refused. */
    public Reason reason() {
        return reason;
    }

    /** The database, as {@link io.mcpconn.infrastructure.postgres.database.PostgresDatabase#describe()} says it. */
    public String database() {
        return database;
    }

    /** The version the operation was asked for, if it names one. */
    public Optional<String> version() {
        return version;
    }

    /** The versions this build ships, for {@link Reason#UNKNOWN_VERSION}. */
    public List<String> known() {
        return known;
    }

    /** The backup file, for the {@code BACKUP_…} reasons. */
    public Optional<Path> file() {
        return file;
    }

    /** How many connections would be lost, for {@link Reason#WOULD_DROP_CONNECTIONS}. */
    public long connections() {
        return connections;
    }
}
