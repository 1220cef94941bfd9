package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift;
import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.SchemaOperations;
import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeResult;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeResult;
import io.mcpconn.infrastructure.jdbc.migration.StampResult;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import io.mcpconn.infrastructure.sqlite.database.DatabaseUnavailableException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
public final class SchemaMigrator implements SchemaOperations {

    /** Where the migrations are read from. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";
    /** Where the down scripts are read from: outside Flyway's location, so Flyway never runs them. */
    public static final String ROLLBACK_LOCATION = "db/rollback";
    /** The version before any migration, as a downgrade or stamp target. */
    public static final String BASE = SchemaVersion.BASE;
    /** The newest shipped version, as an upgrade or stamp target. */
    public static final String HEAD = SchemaVersion.HEAD;

    /** Reads what the SQLite library can do; replaced in tests by an older library's answer. */
    interface CapabilitiesProbe {
        SqliteCapabilities probe(Connection connection) throws SQLException;
    }

    /** Finds a down script's text by file name; replaced in tests by one that lacks some. */
    interface DownScripts {
        Optional<String> find(String name);
    }

    private final MigrationContext context;

    /** Creates a migrator for the given database; backups are named after the system clock. */
    public SchemaMigrator(SqliteDatabase database) {
        this(database, Clock.systemDefaultZone());
    }

    /** Creates a migrator for the given database; backups are named after {@code clock}. */
    public SchemaMigrator(SqliteDatabase database, Clock clock) {
        this(database, clock, SqliteCapabilities::probe, Downgrade::classpathDownScript);
    }

    SchemaMigrator(SqliteDatabase database, Clock clock, CapabilitiesProbe probe, DownScripts downScripts) {
        this.context = new MigrationContext(database, clock, probe, downScripts);
    }

    /** Returns the migrations this build ships, oldest first. Needs no database. */
    public static List<ShippedMigration> shipped() {
        return ShippedMigrations.all();
    }

    /** Returns the newest shipped version. */
    public static String head() {
        return ShippedMigrations.head();
    }

    /** Returns whether {@code version} is newer than every version this build ships: a newer build's. */
    public static boolean newerThanHead(String version) {
        return SchemaVersion.newer(version, head());
    }

    /**
     * Returns how {@code database}'s tables differ from what its recorded version makes, naming
     * the likely cause; empty when they agree, or when no version (or one this build does not
     * know) is recorded. Reads SQLite's catalogue only, without starting Flyway: the adapters run
     * it whenever they are made.
     */
    public static Optional<SchemaDrift> drift(SqliteDatabase database) {
        Objects.requireNonNull(database, "database");
        return database.snapshot(statements -> Drifts.detect(ExistingSchema.read(statements.connection()),
                io.mcpconn.infrastructure.sqlite.database.SchemaVersion.applied(statements.connection())));
    }

    /**
     * Returns whether {@code drift} only makes queries slower: every difference is a missing
     * index that is not unique, so every statement still does what it should.
     */
    public static boolean onlySlowsQueries(SchemaDrift drift) {
        return Drifts.onlySlowsQueries(drift);
    }

    /** Returns the status of a database file that does not exist yet: nothing applied, everything pending. */
    public static SchemaStatus statusOfMissing(Path file) {
        return new SchemaStatus(file.toAbsolutePath().normalize().toString(), false, Optional.empty(), head(),
                ShippedMigrations.versions(), Optional.empty());
    }

    /**
     * Applies every pending migration, without a backup.
     *
     * @throws SchemaMigrationException if a migration fails; the database stays at the version before the run
     * @throws MigrationRefusedException if the database's state does not allow it (see {@link #upgrade})
     * @throws DatabaseLockedException if another process holds the database past the busy timeout
     */
    public MigrationOutcome migrate() {
        // The usual start: already at head. Knowing that needs one read, not Flyway's set-up.
        String head = head();
        if (context.guarded("read the schema version of",
                () -> Snapshot.read(context.database()).atHeadAsShipped(head))) {
            return new MigrationOutcome(Optional.of(head), Optional.of(head), List.of());
        }
        return outcome(new Upgrade(context).run(new UpgradeRequest(Optional.empty(), false), MigrationProgress.silent(),
                true));
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
        return outcome(new Upgrade(context).run(new UpgradeRequest(Optional.of(version), false),
                MigrationProgress.silent(), true));
    }

    /** Returns where the schema stands (the seed's {@code alembic current}). */
    @Override
    public SchemaStatus current() {
        return new History(context).current();
    }

    /**
     * Returns every shipped migration and every applied one, oldest first, with its state, when it
     * was applied and whether its checksum matches (the seed's {@code alembic history}).
     */
    @Override
    public List<HistoryEntry> history() {
        return new History(context).entries();
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
    @Override
    public UpgradeResult upgrade(UpgradeRequest request, MigrationProgress progress) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        return new Upgrade(context).run(request, progress, false);
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
    @Override
    public DowngradeResult downgrade(DowngradeRequest request, MigrationProgress progress) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        return new Downgrade(context).run(request, progress);
    }

    /**
     * Records {@code version} as the applied one without running or undoing anything (the seed's
     * {@code alembic stamp}, troubleshooting 1 and 5): versions up to it that are not recorded are
     * recorded as applied, versions above it are forgotten. Accepts {@value #HEAD}, {@value #BASE}
     * and the seed's Alembic revision {@code ff4b1a18d2f0} for V1.
     *
     * @throws MigrationRefusedException for an unknown version
     */
    @Override
    public StampResult stamp(String version) {
        return new Stamp(context).run(version);
    }

    /**
     * Copies the database, consistently even while others write, to {@code target} or else to the
     * seed's {@code <db>.backup-YYYYmmdd_HHMMSS} beside it.
     *
     * @throws MigrationRefusedException if the target exists
     * @throws DatabaseUnavailableException if the copy cannot be written
     */
    @Override
    public BackupFile backup(Optional<Path> target, MigrationProgress progress) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        return context.guarded("back up", () -> target.isPresent()
                ? DatabaseBackup.create(context.database(), target.get(), progress)
                : DatabaseBackup.create(context.database(), DatabaseBackup.Kind.BACKUP, context.clock(), progress));
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
        return context.guarded("restore", () -> DatabaseRestore.restore(context.database(), backup, context.clock(),
                progress));
    }

    /**
     * Runs the seed's verification as one report: SQLite with JSON, {@code PRAGMA integrity_check},
     * Flyway's validation of the applied migrations' checksums, the table, its columns and indexes
     * as the applied version defines them, and the index each of the seed's two queries plans on.
     */
    @Override
    public VerificationReport verify() {
        return new Verification(context).run();
    }

    /**
     * Makes Flyway's history agree with the shipped migrations (Flyway's {@code repair}): records
     * the shipped checksums for applied migrations and removes failed entries. Never run by
     * anything else: it is the deliberate answer to a checksum mismatch that is intended.
     *
     * @return what was repaired, in Flyway's words; empty if nothing needed it
     */
    public List<String> repair() {
        return context.guarded("repair", () -> {
            if (!context.inspect().hasHistory()) {
                return List.of();
            }
            List<String> actions = context.flyway().repair().repairActions;
            return actions == null ? List.of() : List.copyOf(actions);
        });
    }

    private static MigrationOutcome outcome(UpgradeResult result) {
        return new MigrationOutcome(result.from(), result.to(), result.applied());
    }
}
