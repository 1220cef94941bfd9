package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a restore did.
 *
 * @param restored the backup now in place, as it was checked
 * @param previous the version the replaced database was at; empty when none was applied
 * @param replaced the consistent copy of the replaced database, kept beside it; empty when there
 *     was nothing to keep (a new or empty database)
 * @param notes what else the user should know, such as a page size that had to be converted
 */
public record RestoreResult(BackupCheck restored, Optional<String> previous, Optional<BackupFile> replaced,
        List<String> notes) {

    /** Checks the fields and copies the list. */
    public RestoreResult {
        Objects.requireNonNull(restored, "restored");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(replaced, "replaced");
        notes = List.copyOf(notes);
    }
}
