package io.mcpconn.infrastructure.jdbc.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Where a database's schema stands (the seed's {@code alembic current}).
 *
 * @param database where the database is: an SQLite file's path, or a PostgreSQL database as
 *     {@code postgresql://host:port/name}
 * @param exists whether the file exists; a missing one is reported, not created
 * @param current the version applied last; empty when none is (a new database, or one never migrated)
 * @param head the newest version this build ships
 * @param pending the shipped versions not applied yet, oldest first
 * @param unmanaged when {@code mcp_connections} exists without migration history, or the Python
 *     service's Alembic records it while it is gone: what an upgrade will do, or what to run on the
 *     Python side, in words
 * @param unknown the applied versions this build does not ship, oldest first: a newer build (or
 *     another tool) migrated the database
 * @param drift how the tables differ from what {@code current} records, if they do: another tool
 *     dropped, re-created or altered them
 */
public record SchemaStatus(String database, boolean exists, Optional<String> current, String head,
        List<String> pending, Optional<String> unmanaged, List<String> unknown, Optional<SchemaDrift> drift) {

    /** Checks the fields and copies the lists. */
    public SchemaStatus {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(head, "head");
        pending = List.copyOf(pending);
        Objects.requireNonNull(unmanaged, "unmanaged");
        unknown = List.copyOf(unknown);
        Objects.requireNonNull(drift, "drift");
    }

    /** The status of a database whose tables are what its history records. */
    public SchemaStatus(String database, boolean exists, Optional<String> current, String head, List<String> pending,
            Optional<String> unmanaged, List<String> unknown) {
        this(database, exists, current, head, pending, unmanaged, unknown, Optional.empty());
    }

    /** The status of a database with no version applied that this build does not ship. */
    public SchemaStatus(String database, boolean exists, Optional<String> current, String head, List<String> pending,
            Optional<String> unmanaged) {
        this(database, exists, current, head, pending, unmanaged, List.of());
    }

    /** Returns whether every shipped migration is applied, nothing else, and the tables are what they make. */
    public boolean atHead() {
        return pending.isEmpty() && unmanaged.isEmpty() && current.isPresent() && unknown.isEmpty()
                && drift.isEmpty();
    }

    /** Returns whether a version newer than this build's head is applied: a newer build migrated the database. */
    public boolean ahead() {
        return unknown.stream().anyMatch(version -> MigrationVersion.fromVersion(version)
                .isNewerThan(MigrationVersion.fromVersion(head)));
    }
}
