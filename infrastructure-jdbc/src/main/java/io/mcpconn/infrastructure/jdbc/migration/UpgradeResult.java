package io.mcpconn.infrastructure.jdbc.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an upgrade did.
 *
 * @param from the version before; empty when none was applied
 * @param to the version after
 * @param applied the versions run by this upgrade, oldest first
 * @param notes what else the user should know: a baseline recorded for an existing table, or
 *     migrations applied by another process meanwhile
 * @param backup the copy taken before any change, if one was
 */
public record UpgradeResult(Optional<String> from, Optional<String> to, List<String> applied, List<String> notes,
        Optional<BackupFile> backup) {

    /** Checks the fields and copies the lists. */
    public UpgradeResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        applied = List.copyOf(applied);
        notes = List.copyOf(notes);
        Objects.requireNonNull(backup, "backup");
    }
}
