package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift;
import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeResult;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/**
 * {@link SchemaMigrator#downgrade}: runs the shipped down scripts newest first and deletes their
 * rows from Flyway's history, planned and carried out in one write transaction.
 */
final class Downgrade {

    private static final String BASE = SchemaMigrator.BASE;

    private record Step(String version, String description, String scriptName, String script) {
    }

    private record Plan(Optional<String> from, Optional<String> to, List<Step> steps, long rowsDropped) {
    }

    private final MigrationContext context;

    Downgrade(MigrationContext context) {
        this.context = context;
    }

    DowngradeResult run(DowngradeRequest request, MigrationProgress progress) {
        Optional<String> target = request.target().map(version -> context.knownVersion(version, true, "downgrade"));
        return context.guarded("downgrade", () -> {
            ExistingSchema existing = context.inspect();
            if (!existing.hasHistory()) {
                if (existing.connectionsTable().isPresent()) {
                    throw Refusals.unmanaged(context.file(), existing, List.of());
                }
                if (target.isPresent()) {
                    return new DowngradeResult(Optional.empty(), Optional.empty(), List.of(), Optional.empty());
                }
                throw Refusals.nothingToUndo(context.file());
            }
            Refusals.refuseInconsistentHistory(context.flyway(), context.file(), "downgrade");
            // The down scripts drop what the migrations made; on a drifted schema they would fail
            // half-way or drop what another tool made.
            Optional<SchemaDrift> drift = Drifts.detect(existing, Flyways.currentVersion(context.flyway()));
            if (drift.isPresent()) {
                throw Refusals.drifted(context.file(), drift.get(), "downgrade");
            }
            Plan plan = context.read(connection -> plan(connection, target));
            if (plan.steps().isEmpty()) {
                return new DowngradeResult(plan.from(), plan.from(), List.of(), Optional.empty());
            }
            if (plan.rowsDropped() > 0 && !request.backupFirst() && !request.discardData()) {
                throw Refusals.unbackedDataLoss(context.file(), plan.rowsDropped());
            }
            Optional<BackupFile> backup = context.backupFirst(request.backupFirst(), progress);
            TransactionProgress lines = new TransactionProgress(progress);
            try {
                context.write(connection -> undo(connection, plan, target, lines));
                lines.committed();
            } catch (RuntimeException e) {
                lines.rolledBack(Optional.of("at version " + plan.from().orElse(BASE)));
                if (!(e instanceof DataAccessException)) {
                    throw e;
                }
                Optional<RuntimeException> explained = context.database().explainFailure(e);
                if (explained.isPresent()) {
                    throw explained.get();
                }
                throw new SchemaMigrationException("Downgrading the SQLite database " + context.file()
                        + " failed; nothing was changed, it stays at version " + plan.from().orElse(BASE) + ". "
                        + SqliteErrors.sqlCause(e).map(SqliteErrors::messageOf).orElse(e.getMessage()), e);
            }
            return new DowngradeResult(plan.from(), plan.to(), plan.steps().stream().map(Step::version).toList(),
                    backup, plan.to().isEmpty() ? alembicNotes(existing) : List.of());
        });
    }

    private Plan plan(Connection connection, Optional<String> requested) throws SQLException {
        List<AppliedMigration> applied = AppliedMigration.read(connection).stream()
                .filter(migration -> migration.success() && !migration.version().equals("0"))
                .toList();
        Optional<String> from = applied.isEmpty() ? Optional.empty()
                : Optional.of(applied.get(applied.size() - 1).version());
        if (from.isEmpty()) {
            if (requested.isPresent()) {
                return new Plan(from, from, List.of(), 0);
            }
            throw Refusals.nothingToUndo(context.file());
        }
        String to = requested.orElseGet(() -> applied.size() > 1 ? applied.get(applied.size() - 2).version() : BASE);
        if (!to.equals(BASE) && SchemaVersion.newer(to, from.get())) {
            throw Refusals.downgradeAboveCurrent(context.file(), to, from.get());
        }
        List<Step> steps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> missingVersions = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            AppliedMigration migration = applied.get(i);
            if (!to.equals(BASE) && !SchemaVersion.newer(migration.version(), to)) {
                break;
            }
            Optional<ShippedMigration> shipped = ShippedMigrations.find(migration.version());
            Optional<String> script = shipped.flatMap(s -> context.downScripts().find(s.downScript()));
            String name = shipped.map(ShippedMigration::downScript).orElse("U" + migration.version() + "__*.sql");
            if (script.isEmpty()) {
                missing.add("V" + migration.version() + " (" + SchemaMigrator.ROLLBACK_LOCATION + "/" + name + ")");
                missingVersions.add(migration.version());
            } else {
                steps.add(new Step(migration.version(), shipped.orElseThrow().description(), name, script.get()));
            }
        }
        if (!missing.isEmpty()) {
            throw Refusals.missingDownScripts(context.file(), to, missingVersions, missing);
        }
        // Only V1's down script loses data a backup must hold: the connections themselves. V2's drops
        // the version counters, which only detect concurrent writes (upgrading again starts every
        // row at 0). V3's drops the session leases: they only say which running process holds which
        // live session for the next few seconds, a restored copy would be expired, and instances
        // take new leases after the next upgrade. V4's drops a trigger and no data. None of them
        // blocks a downgrade without a backup.
        boolean dropsTable = steps.stream().anyMatch(step -> step.version().equals("1"));
        long rows = dropsTable ? countRows(connection) : 0;
        return new Plan(from, to.equals(BASE) ? Optional.empty() : Optional.of(to), steps, rows);
    }

    private String undo(Connection connection, Plan planned, Optional<String> requested, TransactionProgress progress)
            throws SQLException {
        // Planned again inside the write transaction: another process may have moved the schema
        // between the first plan (and the backup taken after it) and this lock.
        Plan plan = plan(connection, requested.or(() -> planned.to().or(() -> Optional.of(BASE))));
        if (!plan.equals(planned)) {
            throw Refusals.concurrentChange(context.file(), planned.from().orElse(BASE) + " -> "
                    + planned.to().orElse(BASE) + " with " + planned.rowsDropped() + " row(s)",
                    plan.from().orElse(BASE) + " with " + plan.rowsDropped());
        }
        for (Step step : plan.steps()) {
            progress.step("undoing V" + step.version() + " " + step.description());
            try (Statement statement = connection.createStatement()) {
                // One call runs the whole script, as the sqlite3 shell does (sqlite3_exec), so the
                // down scripts need no statement splitter.
                statement.executeUpdate(step.script());
            }
            AppliedMigration.forget(connection, List.of(step.version()));
            progress.ran();
        }
        String to = plan.to().orElse(BASE);
        progress.committing("the downgrade to " + (to.equals(BASE) ? BASE : "V" + to));
        return to;
    }

    /**
     * After V1 is undone the table is gone, but the Python service's Alembic still records the
     * seed's revision and would take the table for there: {@code alembic upgrade head} would do
     * nothing, its service would fail. Only the Python side can put its record right.
     */
    static List<String> alembicNotes(ExistingSchema existing) {
        if (!existing.alembicRevisions().contains(ExistingSchema.SEED_REVISION)) {
            return List.of();
        }
        return List.of(alembicStale());
    }

    /** What Alembic believes once mcp_connections is gone under its recorded revision, and the fix on its side. */
    static String alembicStale() {
        String seed = ExistingSchema.SEED_REVISION;
        return "the Python service's alembic_version still records " + seed + ", so Alembic believes mcp_connections"
                + " exists: alembic upgrade head would not create it again and the service would fail on the missing"
                + " table; on the Python side, record the revision before it: alembic stamp <parent> (alembic show "
                + seed + " names the parent; base if it has none), then alembic upgrade head creates the table again";
    }

    private static long countRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + ExpectedSchema.TABLE)) {
            return count.next() ? count.getLong(1) : 0;
        }
    }

    /** The down scripts shipped under {@value SchemaMigrator#ROLLBACK_LOCATION}. */
    static Optional<String> classpathDownScript(String name) {
        try (InputStream in = SchemaMigrator.class.getClassLoader()
                .getResourceAsStream(SchemaMigrator.ROLLBACK_LOCATION + "/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the down script " + name, e);
        }
    }
}
