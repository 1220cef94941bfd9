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
 * @param notes what else the user should know, e.g. what another tool's records still say
 */
public record DowngradeResult(Optional<String> from, Optional<String> to, List<String> undone,
        Optional<BackupFile> backup, List<String> notes) {

    /** Checks the fields and copies the list. */
    public DowngradeResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        undone = List.copyOf(undone);
        Objects.requireNonNull(backup, "backup");
        notes = List.copyOf(notes);
    }

    /** What a downgrade did, with nothing more to say. */
    public DowngradeResult(Optional<String> from, Optional<String> to, List<String> undone,
            Optional<BackupFile> backup) {
        this(from, to, undone, backup, List.of());
    }
}
