package io.mcpconn.infrastructure.postgres.migration;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeResult;
import io.mcpconn.infrastructure.jdbc.migration.FlywayHistory;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.jdbc.migration.SchemaOperations;
import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.jdbc.migration.StampResult;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeResult;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Migration operations on a PostgreSQL database, the same as on SQLite (the seed's
 * {@code alembic current | history | upgrade | downgrade | stamp}, plus backup, restore and
 * verify): Flyway applies the scripts under {@code classpath:db/postgresql/migration}, the
 * down scripts under {@code db/postgresql/rollback} undo them, {@code pg_dump} and
 * {@code pg_restore} back up and restore. Several instances may upgrade at once: Flyway holds
 * PostgreSQL's advisory lock while it migrates, so exactly one applies each migration and the
 * others find it applied. Refusals are {@link PostgresMigrationRefusedException}, before anything changed.
 */
public final class PostgresSchemaMigrator implements SchemaOperations {

    /** The version before any migration, as a downgrade or stamp target. */
    public static final String BASE = SchemaVersion.BASE;

    private final PostgresDatabase database;
    private final PostgresMigrations migrations;
    private final PostgresBackups backups;

    /**
     * A migrator for {@code database}; backups go to the working directory, named after the system
     * clock.
     */
    public PostgresSchemaMigrator(PostgresDatabase database) {
        this(database, Clock.systemUTC(), Path.of(""));
    }

    /**
     * A migrator for {@code database}; backups not given a file go to {@code backupDirectory} as
     * {@code <database>-<UTC time>.dump}, named after {@code clock}. (A server's database has no
     * file beside which to keep them, as SQLite's backups are kept.)
     */
    public PostgresSchemaMigrator(PostgresDatabase database, Clock clock, Path backupDirectory) {
        this.database = Objects.requireNonNull(database, "database");
        this.migrations = new PostgresMigrations(database);
        this.backups = new PostgresBackups(database.options(), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(backupDirectory, "backupDirectory"));
    }

    /** The versions this build ships, oldest first. */
    public List<String> shipped() {
        return migrations.shipped();
    }

    /** The newest version this build ships. */
    public String head() {
        return migrations.head();
    }

    /** Where the schema stands (the seed's {@code alembic current}). */
    @Override
    public SchemaStatus current() {
        var all = migrations.flyway(Optional.empty()).info();
        var applied = FlywayHistory.applied(all.all());
        var shipped = shipped();
        var pending = shipped.stream().filter(version -> !applied.contains(version)).toList();
        var unknown = applied.stream().filter(version -> !shipped.contains(version)).toList();
        var unmanaged = !migrations.hasHistory() && migrations.hasTable()
                ? Optional.of("mcp_connections exists without migration history; it was made by another tool, and"
                        + " upgrade refuses it until it is stamped at the version it matches")
                : Optional.<String>empty();
        return new SchemaStatus(database.options().location().url(), true, database.schemaVersion(), head(), pending, unmanaged, unknown);
    }

    /** Every shipped and applied migration, oldest first (the seed's {@code alembic history}). */
    @Override
    public List<HistoryEntry> history() {
        return migrations.history();
    }

    /** Applies every pending migration, without a backup; returns the versions this call applied. */
    public List<String> migrate() {
        return migrateTo(head());
    }

    /** Applies the pending migrations up to and including {@code version}, without a backup. */
    public List<String> migrateTo(String version) {
        return migrations.apply(migrations.known(version, "upgrade", false));
    }

    /**
     * Applies the pending migrations up to the request's target (head if none), after a
     * {@code pg_dump} backup if the request asks for one and there is anything to apply.
     *
     * @throws PostgresMigrationRefusedException if the target is unknown or older than the current version,
     *     or the table exists without history
     */
    @Override
    public UpgradeResult upgrade(UpgradeRequest request, MigrationProgress progress) {
        var target = migrations.known(request.target().orElse(head()), "upgrade", false);
        var from = database.schemaVersion();
        var status = current();
        if (status.unmanaged().isPresent()) {
            throw PostgresMigrationRefusedException.unmanagedTable(database.describe());
        }
        if (from.isPresent() && Integer.parseInt(from.get()) > Integer.parseInt(target)) {
            throw PostgresMigrationRefusedException.targetBelowCurrent(database.describe(), target, from.get());
        }
        var pending = status.pending().stream().filter(v -> Integer.parseInt(v) <= Integer.parseInt(target)).toList();
        Optional<BackupFile> backup = Optional.empty();
        var notes = new ArrayList<String>();
        if (pending.isEmpty()) {
            notes.add("already at " + from.orElse(BASE) + "; nothing to apply");
        } else if (request.backupFirst() && migrations.hasTable()) {
            backup = Optional.of(backups.backup(Optional.empty(), progress));
        }
        progress.started("applying " + (pending.isEmpty() ? "nothing" : "V" + String.join(", V", pending)));
        var applied = migrations.apply(target);
        if (applied.isEmpty() && !pending.isEmpty()) {
            notes.add("another instance applied " + String.join(", ", pending) + " at the same time");
        }
        progress.finished("done");
        return new UpgradeResult(from, database.schemaVersion(), applied, notes, backup);
    }

    /**
     * Undoes applied migrations down to the request's target (one step if none; {@value #BASE} for
     * all), after a backup if asked; dropping the table while it holds connections needs
     * {@link DowngradeRequest#discardData()}.
     */
    @Override
    public DowngradeResult downgrade(DowngradeRequest request, MigrationProgress progress) {
        var from = database.schemaVersion();
        var applied = FlywayHistory.applied(migrations.flyway(Optional.empty()).info().all());
        String target;
        if (request.target().isEmpty()) {
            target = applied.size() < 2 ? "0" : applied.get(applied.size() - 2);
        } else {
            target = migrations.known(request.target().get(), "downgrade", true);
        }
        if (target.equals("0") && !applied.isEmpty() && !request.discardData()) {
            long rows = migrations.connectionCount();
            if (rows > 0) {
                throw PostgresMigrationRefusedException.wouldDropConnections(database.describe(), rows);
            }
        }
        Optional<BackupFile> backup = Optional.empty();
        if (request.backupFirst() && !applied.isEmpty() && from.map(v -> !v.equals(target)).orElse(false)) {
            backup = Optional.of(backups.backup(Optional.empty(), progress));
        }
        progress.started("undoing down to " + (target.equals("0") ? BASE : target));
        var undone = migrations.undoTo(target);
        progress.finished("done (" + undone.size() + " undone)");
        return new DowngradeResult(from, database.schemaVersion(), undone, backup);
    }

    /** Undoes the applied migrations newer than {@code target} ("0" for all), without a backup. */
    public List<String> downgradeTo(String target) {
        return migrations.undoTo(target);
    }

    /**
     * Records the database as being at {@code version} ({@value #BASE} for none) without running
     * anything: for a schema made by hand or another tool that matches that version.
     */
    @Override
    public StampResult stamp(String version) {
        var target = migrations.known(version, "stamp", true);
        var from = database.schemaVersion();
        var change = migrations.stamp(target);
        return new StampResult(from, database.schemaVersion(), change.recorded(), change.forgotten());
    }

    /** Writes a {@code pg_dump} backup to {@code target} (or {@code <database>-<time>.dump} here). */
    @Override
    public BackupFile backup(Optional<Path> target, MigrationProgress progress) {
        return backups.backup(target, progress);
    }

    /** Replaces the database's contents with {@code backup}'s, after backing up what is there. */
    public PostgresRestoreResult restore(Path backup, MigrationProgress progress) {
        // Checked before the dump of what is there, so a wrong name costs nothing.
        var file = backups.existing(backup);
        var previous = database.schemaVersion();
        var replaced = backups.backup(Optional.empty(), progress);
        backups.restore(file, progress);
        return new PostgresRestoreResult(file, previous, database.schemaVersion(), replaced);
    }

    /** The seed's verification in PostgreSQL's terms; changes nothing. */
    @Override
    public VerificationReport verify() {
        return new PostgresVerification(database).verify(database.schemaVersion(), history());
    }
}
