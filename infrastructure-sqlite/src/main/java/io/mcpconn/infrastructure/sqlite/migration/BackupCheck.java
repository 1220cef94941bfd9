package io.mcpconn.infrastructure.sqlite.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a backup was found to be before it may replace a database: an SQLite database whose
 * {@code PRAGMA integrity_check} is ok, at a schema version this build knows.
 *
 * @param file the backup
 * @param managed whether it has Flyway's migration history; a copy of the Python service's
 *     database has none, and {@code upgrade} baselines it after the restore
 * @param applied the versions its history records as applied, oldest first
 * @param connections the rows of {@code mcp_connections}; empty when it has no such table
 * @param pageSize its page size in bytes
 * @param pageCount its size in pages
 */
public record BackupCheck(Path file, boolean managed, List<String> applied, OptionalLong connections, int pageSize,
        long pageCount) {

    /** Checks the fields and copies the list. */
    public BackupCheck {
        Objects.requireNonNull(file, "file");
        applied = List.copyOf(applied);
        Objects.requireNonNull(connections, "connections");
    }

    /** Returns the version applied last, if any. */
    public Optional<String> version() {
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1));
    }

    /** Returns its size in bytes. */
    public long bytes() {
        return pageSize * pageCount;
    }
}
