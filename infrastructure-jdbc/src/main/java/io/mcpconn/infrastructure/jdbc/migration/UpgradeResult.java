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
 * @param healed the drift this upgrade healed, if the tables were not what the history recorded
 * @param reapplied the recorded versions run again to heal it, oldest first
 */
public record UpgradeResult(Optional<String> from, Optional<String> to, List<String> applied, List<String> notes,
        Optional<BackupFile> backup, Optional<SchemaDrift> healed, List<String> reapplied) {

    /** Checks the fields and copies the lists. */
    public UpgradeResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        applied = List.copyOf(applied);
        notes = List.copyOf(notes);
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(healed, "healed");
        reapplied = List.copyOf(reapplied);
    }

    /** What an upgrade of a database without drift did. */
    public UpgradeResult(Optional<String> from, Optional<String> to, List<String> applied, List<String> notes,
            Optional<BackupFile> backup) {
        this(from, to, applied, notes, backup, Optional.empty(), List.of());
    }
}
