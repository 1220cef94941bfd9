package io.mcpconn.infrastructure.postgres.migration;

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
        WOULD_DROP_CONNECTIONS
    }

    private final Reason reason;
    private final String database;
    private final transient Optional<String> version;
    private final transient List<String> known;
    private final long connections;

    private PostgresMigrationRefusedException(Reason reason, String database, Optional<String> version,
            List<String> known, long connections, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.database = database;
        this.version = version;
        this.known = List.copyOf(known);
        this.connections = connections;
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

    /** How many connections would be lost, for {@link Reason#WOULD_DROP_CONNECTIONS}. */
    public long connections() {
        return connections;
    }
}
