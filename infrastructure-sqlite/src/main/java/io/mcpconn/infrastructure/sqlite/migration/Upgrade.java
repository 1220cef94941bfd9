package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SchemaMigrator#upgrade}: baselines a database without history, then runs the pending migrations. */
final class Upgrade {

    private static final Logger LOG = LoggerFactory.getLogger(Upgrade.class);

    private final MigrationContext context;

    Upgrade(MigrationContext context) {
        this.context = context;
    }

    /**
     * Runs an upgrade; {@code onStart} when it is the automatic one of a process starting
     * ({@link SchemaMigrator#migrate}), which never heals: healing takes a backup.
     */
    UpgradeResult run(UpgradeRequest request, MigrationProgress progress, boolean onStart) {
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
            boolean adopt = adoptsUnrecordedTable(existing, before, notes);
            // From one read transaction: the tables and the history read apart could be from before
            // and after another process's upgrade, which would look like drift.
            Optional<SchemaDrift> drift = SchemaMigrator.drift(context.database());
            if (drift.isPresent() && !request.backupFirst()) {
                if (!onStart || !Drifts.onlySlowsQueries(drift.get())) {
                    throw Refusals.drifted(context.file(), drift.get(), onStart ? "migrate" : "upgrade");
                }
                // Missing indexes only slow queries down: a process starting goes on, and says so.
                notes.add("not healed on start, as it only makes queries slower: " + drift.get().describe());
                LOG.warn("The SQLite database {} drifted from schema version {}; not healed on start, as it only makes"
                        + " queries slower (an upgrade with a backup heals it): {}", context.file(), drift.get().recorded(),
                        drift.get().describe());
                drift = Optional.empty();
            }
            Optional<Heal.Plan> heal = drift.map(found -> Heal.plan(context.file(), existing, found));
            Optional<String> from = adopt ? Optional.of("1") : before;
            List<String> pending = ShippedMigrations.versions().stream()
                    .filter(version -> baselineAt.map(b -> SchemaVersion.newer(version, b)).orElse(true))
                    .filter(version -> from.map(b -> SchemaVersion.newer(version, b)).orElse(true))
                    .filter(version -> target.map(t -> !SchemaVersion.newer(version, t)).orElse(true))
                    .toList();
            if (pending.isEmpty() && baselineAt.isEmpty() && heal.isEmpty() && !adopt) {
                return new UpgradeResult(before, before, List.of(), notes, Optional.empty());
            }
            Optional<BackupFile> backup = context.backupFirst(request.backupFirst() && !existing.isEmpty(), progress);
            if (baselineAt.isPresent()) {
                progress.started("recording baseline at " + baselineAt.get());
                context.configure().baselineVersion(baselineAt.get()).load().baseline();
                progress.finished("done");
            }
            if (adopt) {
                progress.started("recording V1 as applied");
                context.configure().target("1").skipExecutingMigrations(true).load().migrate();
                progress.finished("done");
            }
            if (heal.isPresent()) {
                heal(heal.get(), progress);
            }
            UpgradeResult migrated = pending.isEmpty()
                    ? new UpgradeResult(before, Flyways.currentVersion(context.flyway()), List.of(), notes, backup)
                    : migrate(target, pending, before.or(() -> baselineAt.filter(b -> !b.equals("0"))), notes,
                            backup, progress);
            return new UpgradeResult(migrated.from(), migrated.to(), migrated.applied(), migrated.notes(),
                    migrated.backup(), drift, heal.map(Heal.Plan::versions).orElse(List.of()));
        });
    }

    /**
     * Runs the heal in one write transaction, planned again inside it: another process may have
     * changed the schema since the plan the backup was taken for.
     */
    private void heal(Heal.Plan planned, MigrationProgress progress) {
        TransactionProgress lines = new TransactionProgress(progress);
        try {
            context.write(connection -> {
                ExistingSchema now = ExistingSchema.read(connection);
                Optional<SchemaDrift> drift = Drifts.detect(now, Optional.of(planned.drift().recorded()));
                if (drift.isEmpty()) {
                    // Healed, or migrated, by another process meanwhile.
                    return null;
                }
                Heal.Plan plan = Heal.plan(context.file(), now, drift.get());
                if (!plan.versions().equals(planned.versions())) {
                    throw Refusals.concurrentChange(context.file(), "upgrade", "re-applying " + planned.versions(),
                            "re-applying " + plan.versions());
                }
                Heal.run(connection, context.file(), plan, lines);
                lines.committing("the heal at V" + plan.drift().recorded());
                return null;
            });
            lines.committed();
        } catch (RuntimeException e) {
            lines.rolledBack(Optional.of("as it was, drifted, at version " + planned.drift().recorded()));
            throw e;
        }
    }

    /**
     * Whether a database with history but no applied version (downgraded to base) has V1's table
     * again, as Alembic re-creates it: recorded as V1 rather than created. A table that is not V1's
     * is refused as an unmanaged one is.
     */
    private boolean adoptsUnrecordedTable(ExistingSchema existing, Optional<String> recorded, List<String> notes) {
        if (!existing.hasHistory() || recorded.isPresent() || existing.connectionsTable().isEmpty()) {
            return false;
        }
        List<String> differences = existing.connectionsTable().get()
                .differencesFrom(ExpectedSchema.at("1").orElseThrow());
        if (!differences.isEmpty()) {
            throw Refusals.unmanaged(context.file(), existing, differences);
        }
        notes.add("mcp_connections exists although no migration is recorded (" + existing.alembicNote()
                + ") and matches V1 exactly: recorded V1 as applied instead of creating it");
        return true;
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
