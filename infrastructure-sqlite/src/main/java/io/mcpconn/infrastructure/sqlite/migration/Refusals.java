package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** The refusals more than one operation makes, each with its reason and the data behind it. */
final class Refusals {

    private Refusals() {
    }

    static MigrationRefusedException unknownVersion(Path database, String requested, boolean allowBase,
            String operation) {
        return new MigrationRefusedException(Reason.UNKNOWN_VERSION, "Unknown version '" + requested + "' for "
                + operation + " of the SQLite database " + database + "; known versions: "
                + (allowBase ? SchemaMigrator.BASE + " (no migration), " : "") + ShippedMigrations.knownList() + ", "
                + SchemaMigrator.HEAD,
                "pass one of the known versions (mcpconn db history shows them with their state)");
    }

    /**
     * Refuses to change a database whose history does not agree with this build: an edited applied
     * migration, a failed one, or one newer than this build's head.
     */
    static void refuseInconsistentHistory(Flyway flyway, Path database, String operation) {
        String head = ShippedMigrations.head();
        for (MigrationInfo info : flyway.info().all()) {
            if (!info.isVersioned()) {
                continue;
            }
            String version = info.getVersion().getVersion();
            MigrationState state = info.getState();
            if (state == MigrationState.SUCCESS && !info.isChecksumMatching()) {
                throw new MigrationRefusedException(Reason.HISTORY_MISMATCH, "Cannot " + operation
                        + " the SQLite database " + database + ": the applied migration V" + version + " ("
                        + info.getDescription() + ") is not the one this build ships (checksum recorded "
                        + info.getAppliedChecksum() + ", shipped " + info.getResolvedChecksum()
                        + "), so it was edited after it ran",
                        "restore the original migration (use the mcpconn version that applied it); if the change is"
                                + " deliberate and the schema already matches it, record the new checksum with"
                                + " mcpconn db repair (mcpconn db verify shows the details)");
            }
            if (state.isFailed()) {
                throw new MigrationRefusedException(Reason.HISTORY_MISMATCH, "Cannot " + operation
                        + " the SQLite database " + database + ": migration V" + version
                        + " is recorded as failed", "check the schema with mcpconn db verify, then remove the failed"
                        + " entry with mcpconn db repair");
            }
            if (info.isApplied() && SchemaVersion.newer(version, head)) {
                throw new MigrationRefusedException(Reason.NEWER_SCHEMA, "Cannot " + operation + " the SQLite"
                        + " database " + database + ": it is at version " + version + ", newer than this"
                        + " build knows (head " + head + ")", "use the mcpconn version that migrated it");
            }
        }
    }

    /** {@code mcp_connections} without migration history, and {@code differences} from V1's table. */
    static MigrationRefusedException unmanaged(Path database, ExistingSchema existing, List<String> differences) {
        Optional<String> matching = ShippedMigrations.versions().stream()
                .filter(existing::matches)
                .findFirst();
        String problem = "The SQLite database " + database + " has an mcp_connections table but no migration"
                + " history (" + existing.alembicNote() + ")"
                + (differences.isEmpty() ? "" : ", and the table is not the one V1 creates: "
                        + String.join("; ", differences));
        String fix = matching
                .map(version -> "the table matches V" + version + ": record that with mcpconn db stamp " + version)
                .orElse("if the table is what a migration creates, record it with mcpconn db stamp <version>"
                        + " (known: " + ShippedMigrations.knownList() + "); otherwise move the table aside (ALTER"
                        + " TABLE mcp_connections RENAME TO mcp_connections_old) and run mcpconn db upgrade");
        return new MigrationRefusedException(Reason.UNMANAGED_SCHEMA, problem, fix);
    }
}
