package io.mcpconn.infrastructure.jdbc.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a downgrade did.
 *
 * @param from the version before
 * @param to the version after; empty when no migration is applied any more
 * @param undone the versions undone, newest first
 * @param backup the copy taken before any change, if one was
 */
public record DowngradeResult(Optional<String> from, Optional<String> to, List<String> undone,
        Optional<BackupFile> backup) {

    /** Checks the fields and copies the list. */
    public DowngradeResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        undone = List.copyOf(undone);
        Objects.requireNonNull(backup, "backup");
    }
}
