package io.mcpconn.infrastructure.sqlite.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a database's schema stands (the seed's {@code alembic current}).
 *
 * @param database the database file
 * @param exists whether the file exists; a missing one is reported, not created
 * @param current the version applied last; empty when none is (a new database, or one never migrated)
 * @param head the newest version this build ships
 * @param pending the shipped versions not applied yet, oldest first
 * @param unmanaged when {@code mcp_connections} exists without migration history: what upgrade
 *     will do about it, in words
 */
public record SchemaStatus(Path database, boolean exists, Optional<String> current, String head,
        List<String> pending, Optional<String> unmanaged) {

    /** Checks the fields and copies the list. */
    public SchemaStatus {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(head, "head");
        pending = List.copyOf(pending);
        Objects.requireNonNull(unmanaged, "unmanaged");
    }

    /** Returns whether every shipped migration is applied. */
    public boolean atHead() {
        return pending.isEmpty() && unmanaged.isEmpty() && current.isPresent();
    }
}
