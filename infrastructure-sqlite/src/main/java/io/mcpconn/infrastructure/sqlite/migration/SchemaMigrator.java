package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import io.mcpconn.infrastructure.sqlite.database.DatabaseUnavailableException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Reason;
import io.mcpconn.infrastructure.sqlite.migration.VerificationReport.Check;
import io.mcpconn.infrastructure.sqlite.migration.VerificationReport.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.exception.DataAccessException;
import org.sqlite.SQLiteDataSource;

/**
 * The seed's migration procedure as one API: {@link #current}, {@link #history}, {@link #upgrade},
 * {@link #downgrade}, {@link #stamp}, {@link #backup}, {@link #restore}, {@link #verify} and
 * {@link #repair}, on the
 * migrations shipped in this module ({@value #MIGRATIONS_LOCATION}), the same scripts the jOOQ
 * classes were generated from.
 *
 * <p>Upgrades run every pending migration in one SQLite transaction (Flyway's {@code group}), so an
 * upgrade either reaches its target or leaves the database as it found it. Flyway Community has no
 * undo: a downgrade runs the down scripts shipped under {@value #ROLLBACK_LOCATION} and deletes their
 * rows from Flyway's history, all in one write transaction. The seed's troubleshooting cases are
 * behaviour here: a table that exists without history is baselined when it matches V1 and refused
 * otherwise, a locked database fails after the busy timeout with {@link DatabaseLockedException}, an
 * SQLite without JSON is refused up front, and an unknown version is refused with the known ones
 * listed. Every refusal is a {@link MigrationRefusedException} thrown before anything changed.
 *
 * <p>Migrations run on connections of their own, not queued behind {@link SqliteDatabase#write};
 * other processes are kept out by SQLite's write lock, waited for up to the busy timeout.
 */
public final class SchemaMigrator {

    /** Where the migrations are read from. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";
    /** Where the down scripts are read from: outside Flyway's location, so Flyway never runs them. */
    public static final String ROLLBACK_LOCATION = "db/rollback";
    /** The version before any migration, as a downgrade or stamp target. */
    public static final String BASE = "base";
    /** The newest shipped version, as an upgrade or stamp target. */
    public static final String HEAD = "head";

    private static final String HISTORY = ExistingSchema.HISTORY_TABLE;
    private static final String BASELINE_DESCRIPTION = "<< Flyway Baseline >>";

    /** Reads what the SQLite library can do; replaced in tests by an older library's answer. */
    interface CapabilitiesProbe {
        SqliteCapabilities probe(Connection connection) throws SQLException;
    }

    /** Finds a down script's text by file name; replaced in tests by one that lacks some. */
    interface DownScripts {
        Optional<String> find(String name);
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final SqliteDatabase database;
    private final Clock clock;
    private final CapabilitiesProbe probe;
    private final DownScripts downScripts;

    /** Creates a migrator for the given database; backups are named after the system clock. */
    public SchemaMigrator(SqliteDatabase database) {
        this(database, Clock.systemDefaultZone());
    }

    /** Creates a migrator for the given database; backups are named after {@code clock}. */
    public SchemaMigrator(SqliteDatabase database, Clock clock) {
        this(database, clock, SqliteCapabilities::probe, SchemaMigrator::classpathDownScript);
    }

    SchemaMigrator(SqliteDatabase database, Clock clock, CapabilitiesProbe probe, DownScripts downScripts) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.downScripts = Objects.requireNonNull(downScripts, "downScripts");
    }

    /** Returns the migrations this build ships, oldest first. Needs no database. */
    public static List<ShippedMigration> shipped() {
        return Catalog.MIGRATIONS;
    }

    /** Returns the newest shipped version. */
    public static String head() {
        List<ShippedMigration> shipped = shipped();
        return shipped.get(shipped.size() - 1).version();
    }

    /** Returns whether {@code version} is newer than every version this build ships: a newer build's. */
    public static boolean newerThanHead(String version) {
        return newer(version, head());
    }

    /** Returns the status of a database file that does not exist yet: nothing applied, everything pending. */
    public static SchemaStatus statusOfMissing(Path file) {
        return new SchemaStatus(file.toAbsolutePath().normalize(), false, Optional.empty(), head(),
                shipped().stream().map(ShippedMigration::version).toList(), Optional.empty());
    }

    /**
     * Applies every pending migration, without a backup.
     *
     * @throws SchemaMigrationException if a migration fails; the database stays at the version before the run
     * @throws MigrationRefusedException if the database's state does not allow it (see {@link #upgrade})
     * @throws DatabaseLockedException if another process holds the database past the busy timeout
     */
    public MigrationOutcome migrate() {
        return outcome(upgrade(new UpgradeRequest(Optional.empty(), false), MigrationProgress.silent()));
    }

    /**
     * Applies the pending migrations up to and including {@code version} (e.g. {@code "1"}), without a backup.
     *
     * @throws SchemaMigrationException if a migration fails; the database stays at the version before the run
     * @throws MigrationRefusedException if the version is unknown or the database's state does not allow it
     * @throws DatabaseLockedException if another process holds the database past the busy timeout
     */
    public MigrationOutcome migrateTo(String version) {
        Objects.requireNonNull(version, "version");
        return outcome(upgrade(new UpgradeRequest(Optional.of(version), false), MigrationProgress.silent()));
    }

    /** Returns where the schema stands (the seed's {@code alembic current}). */
    public SchemaStatus current() {
        return guarded("read the schema version of", () -> {
            ExistingSchema existing = inspect();
            Flyway flyway = configure().load();
            List<String> pending = Arrays.stream(flyway.info().pending()).filter(MigrationInfo::isVersioned)
                    .map(info -> info.getVersion().getVersion()).toList();
            List<String> shippedVersions = shipped().stream().map(ShippedMigration::version).toList();
            List<String> unknown = Arrays.stream(flyway.info().applied()).filter(MigrationInfo::isVersioned)
                    .map(info -> info.getVersion().getVersion())
                    .filter(version -> !version.equals("0") && !shippedVersions.contains(version))
                    .distinct().toList();
            return new SchemaStatus(database.file(), true, currentVersion(flyway), head(), pending,
                    unmanagedNote(existing), unknown);
        });
    }

    /**
     * Returns every shipped migration and every applied one, oldest first, with its state, when it
     * was applied and whether its checksum matches (the seed's {@code alembic history}).
     */
    public List<HistoryEntry> history() {
        return guarded("read the migration history of", () -> {
            MigrationInfo[] all = configure().load().info().all();
            Optional<MigrationInfo> baseline = Arrays.stream(all)
                    .filter(info -> info.getState() == MigrationState.BASELINE).findFirst();
            Map<String, HistoryEntry> entries = new LinkedHashMap<>();
            for (MigrationInfo info : all) {
                if (!info.isVersioned()) {
                    continue;
                }
                String version = info.getVersion().getVersion();
                HistoryEntry entry = entry(info, baseline);
                HistoryEntry existing = entries.get(version);
                // The baseline row and the shipped migration it stands for share a version: one line.
                if (existing == null || entry.state() == HistoryEntry.State.BASELINE) {
                    entries.put(version, entry);
                }
            }
            return entries.values().stream()
                    .sorted((a, b) -> MigrationVersion.fromVersion(a.version())
                            .compareTo(MigrationVersion.fromVersion(b.version())))
                    .toList();
        });
    }

    /**
     * Brings the schema up to the request's target, after a backup unless told not to (the seed's
     * {@code alembic upgrade head}). A database that has {@code mcp_connections} but no migration
     * history (made by hand, or by the Python service with Alembic) is baselined at V1 when its
     * table is exactly V1's, and refused otherwise; a database that holds only other tables is
     * baselined at 0, leaving them alone. Either is said in the result's notes.
     *
     * @throws MigrationRefusedException for an unknown or older target, SQLite without JSON, a
     *     table that exists without history and does not match V1, an applied migration that was
     *     edited (checksum mismatch), or a database migrated by a newer build; nothing changed
     * @throws SchemaMigrationException if a migration fails; the database stays as it was
     * @throws DatabaseLockedException if another process holds the database past the busy timeout
     */
    public UpgradeResult upgrade(UpgradeRequest request, MigrationProgress progress) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        Optional<String> target = request.target().map(version -> knownVersion(version, false, "upgrade"));
        return guarded("upgrade", () -> {
            SqliteRequirements.requireJson(read(probe::probe), database.file());
            ExistingSchema existing = inspect();
            List<String> notes = new ArrayList<>();
            Optional<String> baselineAt = baselineFor(existing, notes);
            if (existing.hasHistory()) {
                refuseInconsistentHistory(configure().load(), "upgrade");
            }
            Flyway flyway = configure().load();
            Optional<String> before = baselineAt.isPresent() ? Optional.empty() : currentVersion(flyway);
            if (target.isPresent() && before.isPresent() && newer(before.get(), target.get())) {
                throw new MigrationRefusedException(Reason.WRONG_DIRECTION, "Cannot upgrade the SQLite database "
                        + database.file() + " to version " + target.get() + ": it is at version " + before.get()
                        + " already", "to go back, run mcpconn db downgrade --target " + target.get());
            }
            List<String> pending = shipped().stream().map(ShippedMigration::version)
                    .filter(version -> baselineAt.map(b -> newer(version, b)).orElse(true))
                    .filter(version -> before.map(b -> newer(version, b)).orElse(true))
                    .filter(version -> target.map(t -> !newer(version, t)).orElse(true))
                    .toList();
            if (pending.isEmpty() && baselineAt.isEmpty()) {
                return new UpgradeResult(before, before, List.of(), notes, Optional.empty());
            }
            Optional<BackupFile> backup = backupFirst(request.backupFirst() && !existing.isEmpty(), progress);
            if (baselineAt.isPresent()) {
                progress.started("recording baseline at " + baselineAt.get());
                configure().baselineVersion(baselineAt.get()).load().baseline();
                progress.finished("done");
            }
            return migrate(target, pending, before.or(() -> baselineAt.filter(b -> !b.equals("0"))), notes, backup,
                    progress);
        });
    }

    /**
     * Undoes applied migrations down to the request's target (the seed's {@code alembic downgrade}),
     * after a backup unless told not to: runs their down scripts newest first and deletes their rows
     * from Flyway's history, all in one SQLite transaction.
     *
     * @throws MigrationRefusedException for an unknown or newer target, a migration without down
     *     script, an edited applied migration, or when undoing V1 would drop rows that no backup of
     *     this run holds (unless {@link DowngradeRequest#discardData()}); nothing changed
     * @throws SchemaMigrationException if a down script fails; the transaction is rolled back whole
     * @throws DatabaseLockedException if another process holds the database past the busy timeout
     */
    public DowngradeResult downgrade(DowngradeRequest request, MigrationProgress progress) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        Optional<String> target = request.target().map(version -> knownVersion(version, true, "downgrade"));
        return guarded("downgrade", () -> {
            ExistingSchema existing = inspect();
            if (!existing.hasHistory()) {
                if (existing.connectionsTable().isPresent()) {
                    throw unmanaged(existing, List.of());
                }
                if (target.isPresent()) {
                    return new DowngradeResult(Optional.empty(), Optional.empty(), List.of(), Optional.empty());
                }
                throw new MigrationRefusedException(Reason.WRONG_DIRECTION, "Cannot downgrade the SQLite database "
                        + database.file() + ": no migration is applied", "nothing to undo; mcpconn db history shows"
                        + " the migrations");
            }
            refuseInconsistentHistory(configure().load(), "downgrade");
            DowngradePlan plan = read(connection -> plan(connection, target));
            if (plan.steps().isEmpty()) {
                return new DowngradeResult(plan.from(), plan.from(), List.of(), Optional.empty());
            }
            if (plan.rowsDropped() > 0 && !request.backupFirst() && !request.discardData()) {
                throw new MigrationRefusedException(Reason.UNBACKED_DATA_LOSS, "Refusing to downgrade the SQLite"
                        + " database " + database.file() + " below V1 without a backup: undoing V1 drops"
                        + " mcp_connections and its " + plan.rowsDropped() + " row(s)",
                        "leave out --no-backup so that a backup is taken first, or add --discard-data to drop"
                                + " them for good");
            }
            Optional<BackupFile> backup = backupFirst(request.backupFirst(), progress);
            TransactionProgress lines = new TransactionProgress(progress);
            try {
                database.write(dsl -> dsl.connectionResult(connection -> undo(connection, plan, target, lines)));
                lines.committed();
            } catch (RuntimeException e) {
                lines.rolledBack(Optional.of("at version " + plan.from().orElse(BASE)));
                if (!(e instanceof DataAccessException)) {
                    throw e;
                }
                Optional<RuntimeException> explained = database.explainFailure(e);
                if (explained.isPresent()) {
                    throw explained.get();
                }
                throw new SchemaMigrationException("Downgrading the SQLite database " + database.file()
                        + " failed; nothing was changed, it stays at version " + plan.from().orElse(BASE) + ". "
                        + SqliteErrors.sqlCause(e).map(SqliteErrors::messageOf).orElse(e.getMessage()), e);
            }
            return new DowngradeResult(plan.from(), plan.to(),
                    plan.steps().stream().map(DowngradeStep::version).toList(), backup);
        });
    }

    /**
     * Records {@code version} as the applied one without running or undoing anything (the seed's
     * {@code alembic stamp}, troubleshooting 1 and 5): versions up to it that are not recorded are
     * recorded as applied, versions above it are forgotten. Accepts {@value #HEAD}, {@value #BASE}
     * and the seed's Alembic revision {@value ExistingSchema#SEED_REVISION} for V1.
     *
     * @throws MigrationRefusedException for an unknown version
     */
    public StampResult stamp(String version) {
        String target = knownVersion(version, true, "stamp");
        return guarded("stamp", () -> {
            ExistingSchema existing = inspect();
            if (!existing.hasHistory()) {
                if (target.equals(BASE)) {
                    return new StampResult(Optional.empty(), Optional.empty(), List.of(), List.of());
                }
                configure().baselineVersion(target).baselineDescription(BASELINE_DESCRIPTION).load().baseline();
                return new StampResult(Optional.empty(), Optional.of(target), upTo(target), List.of());
            }
            Optional<String> before = currentVersion(configure().load());
            if (!target.equals(BASE) && before.map(b -> newer(target, b)).orElse(true)) {
                MigrateResult result = configure().target(target).skipExecutingMigrations(true).load().migrate();
                return new StampResult(before, Optional.of(target),
                        result.migrations.stream().map(m -> m.version).toList(), List.of());
            }
            if (before.isEmpty() || before.get().equals(target)) {
                return new StampResult(before, before, List.of(), List.of());
            }
            List<String> forgotten = database.write(dsl -> dsl.connectionResult(connection -> {
                List<String> above = AppliedMigration.read(connection).stream()
                        .filter(applied -> !applied.version().equals("0"))
                        .filter(applied -> target.equals(BASE) || newer(applied.version(), target))
                        .map(AppliedMigration::version)
                        .toList();
                forget(connection, above);
                List<String> newestFirst = new ArrayList<>(above);
                Collections.reverse(newestFirst);
                return newestFirst;
            }));
            return new StampResult(before, target.equals(BASE) ? Optional.empty() : Optional.of(target), List.of(),
                    forgotten);
        });
    }

    /**
     * Copies the database, consistently even while others write, to {@code target} or else to the
     * seed's {@code <db>.backup-YYYYmmdd_HHMMSS} beside it.
     *
     * @throws MigrationRefusedException if the target exists
     * @throws DatabaseUnavailableException if the copy cannot be written
     */
    public BackupFile backup(Optional<Path> target, MigrationProgress progress) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        return guarded("back up", () -> target.isPresent()
                ? DatabaseBackup.create(database, target.get(), progress)
                : DatabaseBackup.create(database, DatabaseBackup.Kind.BACKUP, clock, progress));
    }

    /** The backup taken before a change, if one is asked for; without one, leftovers are still cleaned up. */
    private Optional<BackupFile> backupFirst(boolean wanted, MigrationProgress progress) {
        if (!wanted) {
            DatabaseBackup.removeLeftovers(database.file(), progress);
            return Optional.empty();
        }
        return Optional.of(DatabaseBackup.create(database, DatabaseBackup.Kind.BACKUP, clock, progress));
    }

    /**
     * Checks, reading it only, that {@code backup} may replace this database: it is no partial copy
     * of an interrupted backup, it is an SQLite database whose {@code PRAGMA integrity_check} is ok,
     * and every version its history records is one this build ships.
     *
     * @throws MigrationRefusedException (reason {@code BACKUP_UNUSABLE}) saying what is wrong with it
     */
    public BackupCheck checkBackup(Path backup) {
        Objects.requireNonNull(backup, "backup");
        return BackupInspection.check(backup);
    }

    /**
     * Replaces the database with {@code backup} after {@link #checkBackup checking} it, keeping the
     * replaced database as a consistent copy ({@code <db>.replaced-YYYYmmdd_HHMMSS}); see
     * {@link DatabaseRestore} for how: in one SQLite transaction, so that other connections see one
     * change and a process killed half-way leaves the old database whole.
     *
     * @throws MigrationRefusedException if the backup may not replace the database; nothing changed
     * @throws DatabaseLockedException if another process holds the database past the busy timeout
     * @throws SchemaMigrationException if SQLite did not copy the backup; the database was not changed
     */
    public RestoreResult restore(Path backup, MigrationProgress progress) {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(progress, "progress");
        return guarded("restore", () -> DatabaseRestore.restore(database, backup, clock, progress));
    }

    /**
     * Runs the seed's verification as one report: SQLite with JSON, {@code PRAGMA integrity_check},
     * Flyway's validation of the applied migrations' checksums, the table, its columns and indexes
     * as the applied version defines them, and the index each of the seed's two queries plans on.
     */
    public VerificationReport verify() {
        return guarded("verify", () -> {
            ExistingSchema existing = inspect();
            boolean unmanaged = !existing.hasHistory() && existing.connectionsTable().isPresent();
            Optional<String> version = existing.hasHistory() ? currentVersion(configure().load()) : Optional.empty();
            List<Check> checks = new ArrayList<>(read(connection -> SchemaVerifier.checkSchema(connection, version,
                    unmanaged)));
            checks.add(2, historyCheck(existing));
            return new VerificationReport(database.file(), version, checks);
        });
    }

    /**
     * Makes Flyway's history agree with the shipped migrations (Flyway's {@code repair}): records
     * the shipped checksums for applied migrations and removes failed entries. Never run by
     * anything else: it is the deliberate answer to a checksum mismatch that is intended.
     *
     * @return what was repaired, in Flyway's words; empty if nothing needed it
     */
    public List<String> repair() {
        return guarded("repair", () -> {
            if (!inspect().hasHistory()) {
                return List.of();
            }
            List<String> actions = configure().load().repair().repairActions;
            return actions == null ? List.of() : List.copyOf(actions);
        });
    }

    // --- upgrade ---------------------------------------------------------------------------------

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
            throw unmanaged(existing, differences);
        }
        notes.add("mcp_connections already existed without migration history (" + existing.alembicNote()
                + ") and matches V1 exactly: recorded V1 as applied (baseline at 1) instead of creating it");
        return Optional.of("1");
    }

    private UpgradeResult migrate(Optional<String> target, List<String> pending, Optional<String> before,
            List<String> notes, Optional<BackupFile> backup, MigrationProgress progress) {
        TransactionProgress lines = new TransactionProgress(progress);
        ProgressCallback callback = new ProgressCallback(lines, pending.isEmpty() ? "" : pending.get(pending.size() - 1));
        Flyway flyway = configure()
                .target(target.map(MigrationVersion::fromVersion).orElse(MigrationVersion.LATEST))
                .callbacks(callback)
                .load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            lines.rolledBack(stays(flyway));
            throw database.explainFailure(e).orElseGet(() -> failure(flyway, callback.failed(), pending, e));
        }
        lines.committed();
        List<String> applied = result.migrations == null ? List.of()
                : result.migrations.stream().map(m -> m.version).toList();
        Optional<String> after = currentVersion(flyway);
        List<String> allNotes = new ArrayList<>(notes);
        if (applied.isEmpty() && !pending.isEmpty()) {
            allNotes.add("another process applied the pending migrations meanwhile; nothing was left to do");
        }
        return new UpgradeResult(before, after, applied, allNotes, backup);
    }

    /** Where a rolled-back upgrade left the database, in words; empty if that cannot be read either. */
    private static Optional<String> stays(Flyway flyway) {
        try {
            return Optional.of(currentVersion(flyway).map(version -> "at version " + version)
                    .orElse("without any migrated schema"));
        } catch (FlywayException unreadable) {
            return Optional.empty();
        }
    }

    private SchemaMigrationException failure(Flyway flyway, Optional<String> failedVersion, List<String> pending,
            FlywayException e) {
        Optional<String> reached;
        try {
            reached = currentVersion(flyway);
        } catch (FlywayException unreadable) {
            e.addSuppressed(unreadable);
            return new SchemaMigrationException("Migrating the SQLite database " + database.file()
                    + " failed, and its schema version could not be read afterwards. " + reason(e), e);
        }
        Optional<ShippedMigration> failed = shipped().stream()
                .filter(migration -> failedVersion.map(migration.version()::equals)
                        .orElseGet(() -> pending.contains(migration.version())
                                && reached.map(r -> newer(migration.version(), r)).orElse(true)))
                .findFirst();
        String which = failed.map(m -> "V" + m.version() + " (" + m.description() + ")").orElse("a migration");
        String where = reached.map(version -> "it stays at version " + version)
                .orElse("it stays without any migrated schema");
        return new SchemaMigrationException("Migrating the SQLite database " + database.file() + " failed at "
                + which + "; " + where + ". " + reason(e), e);
    }

    private void refuseInconsistentHistory(Flyway flyway, String operation) {
        String head = head();
        for (MigrationInfo info : flyway.info().all()) {
            if (!info.isVersioned()) {
                continue;
            }
            String version = info.getVersion().getVersion();
            MigrationState state = info.getState();
            if (state == MigrationState.SUCCESS && !info.isChecksumMatching()) {
                throw new MigrationRefusedException(Reason.HISTORY_MISMATCH, "Cannot " + operation
                        + " the SQLite database " + database.file() + ": the applied migration V" + version + " ("
                        + info.getDescription() + ") is not the one this build ships (checksum recorded "
                        + info.getAppliedChecksum() + ", shipped " + info.getResolvedChecksum()
                        + "), so it was edited after it ran",
                        "restore the original migration (use the mcpconn version that applied it); if the change is"
                                + " deliberate and the schema already matches it, record the new checksum with"
                                + " mcpconn db repair (mcpconn db verify shows the details)");
            }
            if (state.isFailed()) {
                throw new MigrationRefusedException(Reason.HISTORY_MISMATCH, "Cannot " + operation
                        + " the SQLite database " + database.file() + ": migration V" + version
                        + " is recorded as failed", "check the schema with mcpconn db verify, then remove the failed"
                        + " entry with mcpconn db repair");
            }
            if (info.isApplied() && newer(version, head)) {
                throw new MigrationRefusedException(Reason.NEWER_SCHEMA, "Cannot " + operation + " the SQLite"
                        + " database " + database.file() + ": it is at version " + version + ", newer than this"
                        + " build knows (head " + head + ")", "use the mcpconn version that migrated it");
            }
        }
    }

    private MigrationRefusedException unmanaged(ExistingSchema existing, List<String> differences) {
        Optional<String> matching = shipped().stream().map(ShippedMigration::version)
                .filter(existing::matches)
                .findFirst();
        String problem = "The SQLite database " + database.file() + " has an mcp_connections table but no migration"
                + " history (" + existing.alembicNote() + ")"
                + (differences.isEmpty() ? "" : ", and the table is not the one V1 creates: "
                        + String.join("; ", differences));
        String fix = matching
                .map(version -> "the table matches V" + version + ": record that with mcpconn db stamp " + version)
                .orElse("if the table is what a migration creates, record it with mcpconn db stamp <version>"
                        + " (known: " + knownList() + "); otherwise move the table aside (ALTER TABLE mcp_connections"
                        + " RENAME TO mcp_connections_old) and run mcpconn db upgrade");
        return new MigrationRefusedException(Reason.UNMANAGED_SCHEMA, problem, fix);
    }

    // --- downgrade -------------------------------------------------------------------------------

    private record DowngradeStep(String version, String description, String scriptName, String script) {
    }

    private record DowngradePlan(Optional<String> from, Optional<String> to, List<DowngradeStep> steps,
            long rowsDropped) {
    }

    private DowngradePlan plan(Connection connection, Optional<String> requested) throws SQLException {
        List<AppliedMigration> applied = AppliedMigration.read(connection).stream()
                .filter(migration -> migration.success() && !migration.version().equals("0"))
                .toList();
        Optional<String> from = applied.isEmpty() ? Optional.empty()
                : Optional.of(applied.get(applied.size() - 1).version());
        if (from.isEmpty()) {
            if (requested.isPresent()) {
                return new DowngradePlan(from, from, List.of(), 0);
            }
            throw new MigrationRefusedException(Reason.WRONG_DIRECTION, "Cannot downgrade the SQLite database "
                    + database.file() + ": no migration is applied", "nothing to undo");
        }
        String to = requested.orElseGet(() -> applied.size() > 1 ? applied.get(applied.size() - 2).version() : BASE);
        if (!to.equals(BASE) && newer(to, from.get())) {
            throw new MigrationRefusedException(Reason.WRONG_DIRECTION, "Cannot downgrade the SQLite database "
                    + database.file() + " to version " + to + ": it is at version " + from.get(),
                    "to go forward, run mcpconn db upgrade --target " + to);
        }
        List<DowngradeStep> steps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            AppliedMigration migration = applied.get(i);
            if (!to.equals(BASE) && !newer(migration.version(), to)) {
                break;
            }
            Optional<ShippedMigration> shipped = shipped().stream()
                    .filter(s -> s.version().equals(migration.version())).findFirst();
            Optional<String> script = shipped.flatMap(s -> downScripts.find(s.downScript()));
            String name = shipped.map(ShippedMigration::downScript).orElse("U" + migration.version() + "__*.sql");
            if (script.isEmpty()) {
                missing.add("V" + migration.version() + " (" + ROLLBACK_LOCATION + "/" + name + ")");
            } else {
                steps.add(new DowngradeStep(migration.version(), shipped.orElseThrow().description(), name,
                        script.get()));
            }
        }
        if (!missing.isEmpty()) {
            throw new MigrationRefusedException(Reason.MISSING_DOWN_SCRIPT, "Cannot downgrade the SQLite database "
                    + database.file() + " to " + (to.equals(BASE) ? BASE : "version " + to) + ": no down script for "
                    + String.join(", ", missing) + "; nothing was changed",
                    "downgrade only as far as the down scripts go (mcpconn db history lists the versions), or"
                            + " restore a backup taken before the migration (<db>.backup-*)");
        }
        // Only V1's down script loses data a backup must hold: the connections themselves. V2's drops
        // the version counters, which only detect concurrent writes (upgrading again starts every
        // row at 0). V3's drops the session leases: they only say which running process holds which
        // live session for the next few seconds, a restored copy would be expired, and instances
        // take new leases after the next upgrade. V4's drops a trigger and no data. None of them
        // blocks a downgrade without a backup.
        boolean dropsTable = steps.stream().anyMatch(step -> step.version().equals("1"));
        long rows = dropsTable ? countRows(connection) : 0;
        return new DowngradePlan(from, to.equals(BASE) ? Optional.empty() : Optional.of(to), steps, rows);
    }

    private String undo(Connection connection, DowngradePlan planned, Optional<String> requested,
            TransactionProgress progress) throws SQLException {
        // Planned again inside the write transaction: another process may have moved the schema
        // between the first plan (and the backup taken after it) and this lock.
        DowngradePlan plan = plan(connection, requested.or(() -> planned.to().or(() -> Optional.of(BASE))));
        if (!plan.equals(planned)) {
            throw new MigrationRefusedException(Reason.CONCURRENT_CHANGE, "Did not downgrade the SQLite database "
                    + database.file() + ": another process changed it while the downgrade was prepared (planned "
                    + planned.from().orElse(BASE) + " -> " + planned.to().orElse(BASE) + " with "
                    + planned.rowsDropped() + " row(s), found " + plan.from().orElse(BASE) + " with "
                    + plan.rowsDropped() + "); nothing was changed", "run the downgrade again");
        }
        for (DowngradeStep step : plan.steps()) {
            progress.step("undoing V" + step.version() + " " + step.description());
            try (Statement statement = connection.createStatement()) {
                // One call runs the whole script, as the sqlite3 shell does (sqlite3_exec), so the
                // down scripts need no statement splitter.
                statement.executeUpdate(step.script());
            }
            forget(connection, List.of(step.version()));
            progress.ran();
        }
        String to = plan.to().orElse(BASE);
        progress.committing("the downgrade to " + (to.equals(BASE) ? BASE : "V" + to));
        return to;
    }

    private static void forget(Connection connection, List<String> versions) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + HISTORY + " WHERE version = ?")) {
            for (String version : versions) {
                delete.setString(1, version);
                delete.executeUpdate();
            }
        }
    }

    private static long countRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + ExpectedSchema.TABLE)) {
            return count.next() ? count.getLong(1) : 0;
        }
    }

    private static Optional<String> classpathDownScript(String name) {
        try (InputStream in = SchemaMigrator.class.getClassLoader()
                .getResourceAsStream(ROLLBACK_LOCATION + "/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the down script " + name, e);
        }
    }

    // --- history and verification ----------------------------------------------------------------

    private static HistoryEntry entry(MigrationInfo info, Optional<MigrationInfo> baseline) {
        String version = info.getVersion().getVersion();
        String description = shipped().stream().filter(s -> s.version().equals(version)).findFirst()
                .map(ShippedMigration::description)
                .orElse(version.equals("0") ? "baseline of a database holding other tables" : info.getDescription());
        MigrationState state = info.getState();
        Optional<Instant> appliedAt = Optional.ofNullable(info.getInstalledOn()).map(SchemaMigrator::utc);
        switch (state) {
            case SUCCESS:
                return new HistoryEntry(version, description, HistoryEntry.State.APPLIED, appliedAt,
                        info.isChecksumMatching() ? HistoryEntry.Checksum.MATCHES : HistoryEntry.Checksum.MISMATCH);
            case BASELINE:
                return new HistoryEntry(version, description, HistoryEntry.State.BASELINE, appliedAt,
                        HistoryEntry.Checksum.NONE);
            case BELOW_BASELINE:
            case BASELINE_IGNORED:
                return new HistoryEntry(version, description, HistoryEntry.State.BASELINE,
                        baseline.map(MigrationInfo::getInstalledOn).map(SchemaMigrator::utc), HistoryEntry.Checksum.NONE);
            case FAILED:
            case FUTURE_FAILED:
            case MISSING_FAILED:
                return new HistoryEntry(version, description, HistoryEntry.State.FAILED, appliedAt,
                        HistoryEntry.Checksum.NONE);
            case FUTURE_SUCCESS:
            case MISSING_SUCCESS:
                return new HistoryEntry(version, description, HistoryEntry.State.NOT_SHIPPED, appliedAt,
                        HistoryEntry.Checksum.NONE);
            default:
                return new HistoryEntry(version, description, HistoryEntry.State.PENDING, Optional.empty(),
                        HistoryEntry.Checksum.NONE);
        }
    }

    /**
     * Flyway writes installed_on as SQLite's UTC text, and the driver reads that text as local
     * time; reading the local fields back as UTC undoes the shift.
     */
    private static Instant utc(Date installedOn) {
        return LocalDateTime.ofInstant(installedOn.toInstant(), ZoneId.systemDefault()).toInstant(ZoneOffset.UTC);
    }

    private Check historyCheck(ExistingSchema existing) {
        if (!existing.hasHistory()) {
            return new Check("history", Status.FAILED, "no migration history (" + HISTORY + " does not exist)"
                    + (existing.connectionsTable().isPresent()
                            ? "; mcp_connections exists (" + existing.alembicNote() + "): mcpconn db upgrade records it"
                                    + " as V1 if it matches, mcpconn db stamp records another version"
                            : "; run mcpconn db upgrade"));
        }
        ValidateResult result = configure().ignoreMigrationPatterns("*:pending").load().validateWithResult();
        List<String> problems = new ArrayList<>();
        if (result.invalidMigrations != null) {
            for (ValidateOutput invalid : result.invalidMigrations) {
                problems.add(invalid.errorDetails != null && invalid.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH
                        ? "V" + invalid.version + " was edited after it ran (checksum mismatch); restore it, or run"
                                + " mcpconn db repair if the edit is intended"
                        : "V" + invalid.version + ": " + (invalid.errorDetails == null ? "invalid"
                                : invalid.errorDetails.errorMessage.lines().findFirst().orElse("invalid")));
            }
        }
        if (problems.isEmpty() && !result.validationSuccessful && result.errorDetails != null) {
            problems.add(result.errorDetails.errorMessage);
        }
        String head = head();
        Arrays.stream(configure().load().info().applied())
                .filter(info -> info.isVersioned() && newer(info.getVersion().getVersion(), head))
                .forEach(info -> problems.add("the database is ahead of this build (head " + head + "): version "
                        + info.getVersion() + " is applied but unknown to it"));
        if (!problems.isEmpty()) {
            return new Check("history", Status.FAILED, String.join("; ", problems));
        }
        long applied = Arrays.stream(configure().load().info().applied()).filter(MigrationInfo::isVersioned)
                .filter(info -> info.getState() == MigrationState.SUCCESS).count();
        return new Check("history", Status.PASSED, "Flyway validated " + applied + " applied migration(s):"
                + " checksums match");
    }

    private Optional<String> unmanagedNote(ExistingSchema existing) {
        if (existing.hasHistory() || existing.connectionsTable().isEmpty()) {
            return Optional.empty();
        }
        List<String> differences = existing.connectionsTable().get()
                .differencesFrom(ExpectedSchema.at("1").orElseThrow());
        return Optional.of("mcp_connections exists without migration history (" + existing.alembicNote() + "); "
                + (differences.isEmpty()
                        ? "it matches V1, so mcpconn db upgrade records V1 as applied and goes on"
                        : "it does not match V1 (" + differences.size() + " difference(s)), so mcpconn db upgrade"
                                + " refuses it; see mcpconn db verify, then mcpconn db stamp"));
    }

    // --- shared ----------------------------------------------------------------------------------

    private String knownVersion(String requested, boolean allowBase, String operation) {
        String version = requested.strip();
        if (version.length() > 1 && (version.charAt(0) == 'V' || version.charAt(0) == 'v')
                && Character.isDigit(version.charAt(1))) {
            version = version.substring(1);
        }
        String lower = version.toLowerCase(Locale.ROOT);
        if (lower.equals(HEAD)) {
            return head();
        }
        if (allowBase && (lower.equals(BASE) || lower.equals("0"))) {
            return BASE;
        }
        if (lower.equals(ExistingSchema.SEED_REVISION)) {
            return "1";
        }
        for (ShippedMigration migration : shipped()) {
            if (migration.version().equals(version)) {
                return version;
            }
        }
        throw new MigrationRefusedException(Reason.UNKNOWN_VERSION, "Unknown version '" + requested + "' for " + operation
                + " of the SQLite database " + database.file() + "; known versions: "
                + (allowBase ? BASE + " (no migration), " : "") + knownList() + ", " + HEAD,
                "pass one of the known versions (mcpconn db history shows them with their state)");
    }

    private static String knownList() {
        return String.join(", ", shipped().stream().map(m -> m.version() + " (" + m.description() + ")").toList());
    }

    private static List<String> upTo(String version) {
        return shipped().stream().map(ShippedMigration::version).filter(v -> !newer(v, version)).toList();
    }

    private static boolean newer(String version, String than) {
        return MigrationVersion.fromVersion(version).isNewerThan(MigrationVersion.fromVersion(than));
    }

    private ExistingSchema inspect() {
        return read(ExistingSchema::read);
    }

    private <T> T read(SqlWork<T> work) {
        return database.read(dsl -> dsl.connectionResult(work::run));
    }

    private <T> T guarded(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (FlywayException | DataAccessException e) {
            throw database.explainFailure(e).orElseGet(() -> new SchemaMigrationException("Could not " + operation
                    + " the SQLite database " + database.file() + ". " + reason(e), e));
        }
    }

    /** SQLite's own words when there are some (a migration's RAISE message), else Flyway's. */
    private static String reason(RuntimeException e) {
        return SqliteErrors.sqlCause(e).map(SqliteErrors::messageOf).orElse(e.getMessage());
    }

    /** The applied version; a baseline at 0 (a database that only held other tables) counts as none. */
    private static Optional<String> currentVersion(Flyway flyway) {
        return Optional.ofNullable(flyway.info().current())
                .map(MigrationInfo::getVersion)
                .map(MigrationVersion::getVersion)
                .filter(version -> !version.equals("0"));
    }

    private static MigrationOutcome outcome(UpgradeResult result) {
        return new MigrationOutcome(result.from(), result.to(), result.applied());
    }

    private FluentConfiguration configure() {
        return configure(database.dataSource());
    }

    private static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS_LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                // All pending migrations in one transaction: an upgrade is all or nothing.
                .group(true)
                .installedBy("mcpconn")
                .loggers("slf4j");
    }

    /** The shipped migrations, read once by asking Flyway about an empty in-memory database. */
    private static final class Catalog {

        static final List<ShippedMigration> MIGRATIONS = load();

        private static List<ShippedMigration> load() {
            SQLiteDataSource empty = new SQLiteDataSource();
            empty.setUrl("jdbc:sqlite::memory:");
            return Arrays.stream(configure(empty).load().info().all())
                    .filter(MigrationInfo::isVersioned)
                    .map(info -> new ShippedMigration(info.getVersion().getVersion(), info.getDescription(),
                            info.getScript()))
                    .toList();
        }
    }
}
