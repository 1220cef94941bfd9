package io.mcpconn.infrastructure.postgres.migration;

import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a restore did.
 *
 * @param restored the backup restored
 * @param previous the schema version before
 * @param version the schema version after, the backup's
 * @param replaced the backup of what was there before, taken first
 */
public record PostgresRestoreResult(Path restored, Optional<String> previous, Optional<String> version,
        BackupFile replaced) {

    /** Checks the fields. */
    public PostgresRestoreResult {
        Objects.requireNonNull(restored, "restored");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(replaced, "replaced");
    }
}
