package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Details;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Operation;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The refusals of the migration operations, each with its reason, the data behind it, and a fix in
 * this library's terms (the command line words its own from the reason and the data).
 */
final class Refusals {

    private Refusals() {
    }

    static MigrationRefusedException unknownVersion(Path database, String requested, boolean allowBase,
            String operation) {
        Details details = Details.of(operation(operation), database).withVersion(requested)
                .withVersions(ShippedMigrations.versions());
        return new MigrationRefusedException(Reason.UNKNOWN_VERSION, "Unknown version '" + requested + "' for "
                + operation + " of the SQLite database " + database + "; known versions: "
                + (allowBase ? SchemaMigrator.BASE + " (no migration), " : "") + ShippedMigrations.knownList() + ", "
                + SchemaMigrator.HEAD,
                "pass one of the known versions (SchemaMigrator.history() lists them with their state)", details);
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
            Details details = Details.of(operation(operation), database).withVersion(version);
            if (state == MigrationState.SUCCESS && !info.isChecksumMatching()) {
                throw new MigrationRefusedException(Reason.HISTORY_MISMATCH, "Cannot " + operation
                        + " the SQLite database " + database + ": the applied migration V" + version + " ("
                        + info.getDescription() + ") is not the one this build ships (checksum recorded "
                        + info.getAppliedChecksum() + ", shipped " + info.getResolvedChecksum()
                        + "), so it was edited after it ran",
                        "restore the original migration (use the build that applied it); if the change is deliberate"
                                + " and the schema already matches it, record the new checksum with"
                                + " SchemaMigrator.repair() (SchemaMigrator.verify() shows the details)", details);
            }
            if (state.isFailed()) {
                throw new MigrationRefusedException(Reason.FAILED_MIGRATION, "Cannot " + operation
                        + " the SQLite database " + database + ": migration V" + version
                        + " is recorded as failed", "check the schema with SchemaMigrator.verify(), then remove the"
                        + " failed entry with SchemaMigrator.repair()", details);
            }
            if (info.isApplied() && SchemaVersion.newer(version, head)) {
                throw new MigrationRefusedException(Reason.NEWER_SCHEMA, "Cannot " + operation + " the SQLite"
                        + " database " + database + ": it is at version " + version + ", newer than this"
                        + " build knows (head " + head + ")", "use the build that migrated it", details.withCurrent(head));
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
                .map(version -> "the table matches V" + version + ": record that with SchemaMigrator.stamp(\""
                        + version + "\")")
                .orElse("if the table is what a migration creates, record it with SchemaMigrator.stamp(version)"
                        + " (known: " + ShippedMigrations.knownList() + "); otherwise move the table aside (ALTER"
                        + " TABLE mcp_connections RENAME TO mcp_connections_old) and upgrade again");
        return new MigrationRefusedException(Reason.UNMANAGED_SCHEMA, problem, fix, Details.NONE
                .withDatabase(database).withVersion(matching).withVersions(ShippedMigrations.versions()));
    }

    /** {@code operation} on a drifted database, which only an upgrade with a backup heals. */
    static MigrationRefusedException drifted(Path database, SchemaDrift drift, String operation) {
        String problem = switch (operation) {
            case "upgrade" -> "Cannot upgrade the SQLite database " + database + " without a backup";
            case "migrate" -> "The SQLite database " + database + " was not migrated on start, and cannot be used";
            default -> "Cannot " + operation + " the SQLite database " + database;
        };
        return new MigrationRefusedException(Reason.SCHEMA_DRIFT, problem + ": " + drift.describe(),
                "heal it first with an upgrade that takes a backup (SchemaMigrator.upgrade with"
                        + " UpgradeRequest.backupFirst), which re-creates what is missing in one transaction",
                Details.of(operation(operation), database).withCurrent(drift.recorded()));
    }

    /** A drift an upgrade cannot heal: {@code remaining} are the differences it would leave. */
    static MigrationRefusedException unhealable(Path database, SchemaDrift drift, List<String> remaining) {
        return new MigrationRefusedException(Reason.UNHEALABLE_DRIFT, "Cannot heal the SQLite database " + database
                + ": " + drift.explanation() + ", and re-running the migrations whose objects are missing would"
                + " still leave " + String.join("; ", remaining) + "; nothing was changed",
                "restore a backup taken before the other tool ran (<db>.backup-*), or make the tables what version "
                        + drift.recorded() + " makes by hand (SchemaMigrator.verify() lists what differs) and"
                        + " upgrade again",
                Details.of(Operation.UPGRADE, database).withCurrent(drift.recorded()));
    }

    static MigrationRefusedException upgradeBelowCurrent(Path database, String target, String current) {
        return new MigrationRefusedException(Reason.WRONG_DIRECTION, "Cannot upgrade the SQLite database "
                + database + " to version " + target + ": it is at version " + current + " already",
                "to go back, call SchemaMigrator.downgrade(DowngradeRequest.to(\"" + target + "\"), progress)",
                Details.of(Operation.UPGRADE, database).withVersion(target).withCurrent(current));
    }

    static MigrationRefusedException downgradeAboveCurrent(Path database, String target, String current) {
        return new MigrationRefusedException(Reason.WRONG_DIRECTION, "Cannot downgrade the SQLite database "
                + database + " to version " + target + ": it is at version " + current,
                "to go forward, call SchemaMigrator.upgrade(new UpgradeRequest(Optional.of(\"" + target + "\"),"
                        + " true), progress)",
                Details.of(Operation.DOWNGRADE, database).withVersion(target).withCurrent(current));
    }

    static MigrationRefusedException nothingToUndo(Path database) {
        return new MigrationRefusedException(Reason.WRONG_DIRECTION, "Cannot downgrade the SQLite database "
                + database + ": no migration is applied", "nothing to undo; SchemaMigrator.history() lists the"
                        + " migrations", Details.of(Operation.DOWNGRADE, database));
    }

    static MigrationRefusedException unbackedDataLoss(Path database, long rows) {
        return new MigrationRefusedException(Reason.UNBACKED_DATA_LOSS, "Refusing to downgrade the SQLite"
                + " database " + database + " below V1 without a backup: undoing V1 drops mcp_connections and its "
                + rows + " row(s)", "let the downgrade take a backup first (DowngradeRequest.backupFirst), or set"
                        + " DowngradeRequest.discardData to drop them for good",
                Details.of(Operation.DOWNGRADE, database).withCount(rows));
    }

    static MigrationRefusedException missingDownScripts(Path database, String to, List<String> versions,
            List<String> missing) {
        return new MigrationRefusedException(Reason.MISSING_DOWN_SCRIPT, "Cannot downgrade the SQLite database "
                + database + " to " + (to.equals(SchemaMigrator.BASE) ? to : "version " + to) + ": no down script for "
                + String.join(", ", missing) + "; nothing was changed",
                "downgrade only as far as the down scripts go (SchemaMigrator.history() lists the versions), or"
                        + " restore a backup taken before the migration (<db>.backup-*)",
                Details.of(Operation.DOWNGRADE, database).withVersion(to).withVersions(versions));
    }

    static MigrationRefusedException concurrentChange(Path database, String planned, String found) {
        return concurrentChange(database, "downgrade", planned, found);
    }

    static MigrationRefusedException concurrentChange(Path database, String operation, String planned, String found) {
        return new MigrationRefusedException(Reason.CONCURRENT_CHANGE, "Did not " + operation + " the SQLite database "
                + database + ": another process changed it while the " + operation + " was prepared (planned "
                + planned + ", found " + found + "); nothing was changed", "run the " + operation + " again",
                Details.of(operation(operation), database));
    }

    private static Operation operation(String words) {
        switch (words) {
            case "upgrade":
                return Operation.UPGRADE;
            case "downgrade":
                return Operation.DOWNGRADE;
            case "stamp":
                return Operation.STAMP;
            default:
                return Operation.OTHER;
        }
    }
}
