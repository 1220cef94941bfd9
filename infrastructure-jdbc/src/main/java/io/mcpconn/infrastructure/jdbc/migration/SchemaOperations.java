package io.mcpconn.infrastructure.jdbc.migration;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The seed's migration procedure on one database, the same on every SQL adapter: {@code current},
 * {@code history}, {@code upgrade}, {@code downgrade}, {@code stamp}, {@code backup} and
 * {@code verify}. Each adapter's migrator implements it in its database's terms; what each does
 * before changing anything, and what it refuses, is in the adapter's documentation.
 */
public interface SchemaOperations {

    /** Where the schema stands (the seed's {@code alembic current}). */
    SchemaStatus current();

    /** Every shipped and applied migration, oldest first (the seed's {@code alembic history}). */
    List<HistoryEntry> history();

    /** Applies the pending migrations up to the request's target, after a backup if it asks for one. */
    UpgradeResult upgrade(UpgradeRequest request, MigrationProgress progress);

    /** Undoes applied migrations down to the request's target, after a backup if it asks for one. */
    DowngradeResult downgrade(DowngradeRequest request, MigrationProgress progress);

    /** Records {@code version} as the applied one without running or undoing anything. */
    StampResult stamp(String version);

    /** Writes a consistent backup to {@code target}, or to the adapter's default place. */
    BackupFile backup(Optional<Path> target, MigrationProgress progress);

    /** The seed's verification; changes nothing. */
    VerificationReport verify();
}
