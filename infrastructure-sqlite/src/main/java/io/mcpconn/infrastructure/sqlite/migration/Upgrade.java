package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeResult;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/** {@link SchemaMigrator#upgrade}: baselines a database without history, then runs the pending migrations. */
final class Upgrade {

    private final MigrationContext context;

    Upgrade(MigrationContext context) {
        this.context = context;
    }

    UpgradeResult run(UpgradeRequest request, MigrationProgress progress) {
        Optional<String> target = request.target().map(version -> context.knownVersion(version, false, "upgrade"));
        return context.guarded("upgrade", () -> {
            SqliteRequirements.requireJson(context.capabilities(), context.file());
            ExistingSchema existing = context.inspect();
            List<String> notes = new ArrayList<>();
            Optional<String> baselineAt = baselineFor(existing, notes);
            if (existing.hasHistory()) {
                Refusals.refuseInconsistentHistory(context.flyway(), context.file(), "upgrade");
            }
            Flyway flyway = context.flyway();
            Optional<String> before = baselineAt.isPresent() ? Optional.empty() : Flyways.currentVersion(flyway);
            if (target.isPresent() && before.isPresent() && SchemaVersion.newer(before.get(), target.get())) {
                throw Refusals.upgradeBelowCurrent(context.file(), target.get(), before.get());
            }
            List<String> pending = ShippedMigrations.versions().stream()
                    .filter(version -> baselineAt.map(b -> SchemaVersion.newer(version, b)).orElse(true))
                    .filter(version -> before.map(b -> SchemaVersion.newer(version, b)).orElse(true))
                    .filter(version -> target.map(t -> !SchemaVersion.newer(version, t)).orElse(true))
                    .toList();
            if (pending.isEmpty() && baselineAt.isEmpty()) {
                return new UpgradeResult(before, before, List.of(), notes, Optional.empty());
            }
            Optional<BackupFile> backup = context.backupFirst(request.backupFirst() && !existing.isEmpty(), progress);
            if (baselineAt.isPresent()) {
                progress.started("recording baseline at " + baselineAt.get());
                context.configure().baselineVersion(baselineAt.get()).load().baseline();
                progress.finished("done");
            }
            return migrate(target, pending, before.or(() -> baselineAt.filter(b -> !b.equals("0"))), notes, backup,
                    progress);
        });
    }

    /**
     * Where a database without migration history starts: at 1 when it has V1's table exactly (the
     * seed's troubleshooting 1), at 0 when it holds only other tables; empty when it has history
     * or nothing at all.
     */
    private Optional<String> baselineFor(ExistingSchema existing, List<String> notes) {
        if (existing.hasHistory() || existing.isEmpty()) {
            return Optional.empty();
        }
        if (existing.connectionsTable().isEmpty()) {
            notes.add("the database already holds other tables (" + String.join(", ", existing.otherTables())
                    + "); mcpconn manages only mcp_connections and left them as they are (baseline at 0)");
            return Optional.of("0");
        }
        List<String> differences = existing.connectionsTable().get()
                .differencesFrom(ExpectedSchema.at("1").orElseThrow());
        if (!differences.isEmpty()) {
            throw Refusals.unmanaged(context.file(), existing, differences);
        }
        notes.add("mcp_connections already existed without migration history (" + existing.alembicNote()
                + ") and matches V1 exactly: recorded V1 as applied (baseline at 1) instead of creating it");
        return Optional.of("1");
    }

    private UpgradeResult migrate(Optional<String> target, List<String> pending, Optional<String> before,
            List<String> notes, Optional<BackupFile> backup, MigrationProgress progress) {
        TransactionProgress lines = new TransactionProgress(progress);
        ProgressCallback callback = new ProgressCallback(lines, pending.isEmpty() ? "" : pending.get(pending.size() - 1));
        Flyway flyway = context.configure()
                .target(target.map(MigrationVersion::fromVersion).orElse(MigrationVersion.LATEST))
                .callbacks(callback)
                .load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            lines.rolledBack(stays(flyway));
            throw context.database().explainFailure(e).orElseGet(() -> failure(flyway, callback.failed(), pending, e));
        }
        lines.committed();
        List<String> applied = result.migrations == null ? List.of()
                : result.migrations.stream().map(m -> m.version).toList();
        Optional<String> after = Flyways.currentVersion(flyway);
        List<String> allNotes = new ArrayList<>(notes);
        if (applied.isEmpty() && !pending.isEmpty()) {
            allNotes.add("another process applied the pending migrations meanwhile; nothing was left to do");
        }
        return new UpgradeResult(before, after, applied, allNotes, backup);
    }

    /** Where a rolled-back upgrade left the database, in words; empty if that cannot be read either. */
    private static Optional<String> stays(Flyway flyway) {
        try {
            return Optional.of(Flyways.currentVersion(flyway).map(version -> "at version " + version)
                    .orElse("without any migrated schema"));
        } catch (FlywayException unreadable) {
            return Optional.empty();
        }
    }

    private SchemaMigrationException failure(Flyway flyway, Optional<String> failedVersion, List<String> pending,
            FlywayException e) {
        Optional<String> reached;
        try {
            reached = Flyways.currentVersion(flyway);
        } catch (FlywayException unreadable) {
            e.addSuppressed(unreadable);
            return new SchemaMigrationException("Migrating the SQLite database " + context.file()
                    + " failed, and its schema version could not be read afterwards. " + MigrationContext.reason(e), e);
        }
        Optional<ShippedMigration> failed = ShippedMigrations.all().stream()
                .filter(migration -> failedVersion.map(migration.version()::equals)
                        .orElseGet(() -> pending.contains(migration.version())
                                && reached.map(r -> SchemaVersion.newer(migration.version(), r)).orElse(true)))
                .findFirst();
        String which = failed.map(m -> "V" + m.version() + " (" + m.description() + ")").orElse("a migration");
        String where = reached.map(version -> "it stays at version " + version)
                .orElse("it stays without any migrated schema");
        return new SchemaMigrationException("Migrating the SQLite database " + context.file() + " failed at "
                + which + "; " + where + ". " + MigrationContext.reason(e), e);
    }
}
