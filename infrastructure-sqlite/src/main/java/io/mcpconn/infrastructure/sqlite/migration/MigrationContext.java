package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.exception.DataAccessException;

/** What every operation works with: the database, the clock backups are named after, and the test seams. */
final class MigrationContext {

    /** Work on one JDBC connection. */
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final SqliteDatabase database;
    private final Clock clock;
    private final SchemaMigrator.CapabilitiesProbe probe;
    private final SchemaMigrator.DownScripts downScripts;

    MigrationContext(SqliteDatabase database, Clock clock, SchemaMigrator.CapabilitiesProbe probe,
            SchemaMigrator.DownScripts downScripts) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.downScripts = Objects.requireNonNull(downScripts, "downScripts");
    }

    SqliteDatabase database() {
        return database;
    }

    Path file() {
        return database.file();
    }

    Clock clock() {
        return clock;
    }

    SchemaMigrator.DownScripts downScripts() {
        return downScripts;
    }

    SqliteCapabilities capabilities() {
        return read(probe::probe);
    }

    FluentConfiguration configure() {
        return Flyways.configure(database.dataSource());
    }

    Flyway flyway() {
        return configure().load();
    }

    ExistingSchema inspect() {
        return read(ExistingSchema::read);
    }

    <T> T read(SqlWork<T> work) {
        return database.read(dsl -> dsl.connectionResult(work::run));
    }

    <T> T write(SqlWork<T> work) {
        return database.write(dsl -> dsl.connectionResult(work::run));
    }

    /** Runs {@code work}, turning Flyway's and jOOQ's failures into ones that name the database. */
    <T> T guarded(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (FlywayException | DataAccessException e) {
            throw database.explainFailure(e).orElseGet(() -> new SchemaMigrationException("Could not " + operation
                    + " the SQLite database " + database.file() + ". " + reason(e), e));
        }
    }

    /** SQLite's own words when there are some (a migration's RAISE message), else Flyway's. */
    static String reason(RuntimeException e) {
        return SqliteErrors.sqlCause(e).map(SqliteErrors::messageOf).orElse(e.getMessage());
    }

    /** The backup taken before a change, if one is asked for; without one, leftovers are still cleaned up. */
    Optional<BackupFile> backupFirst(boolean wanted, MigrationProgress progress) {
        if (!wanted) {
            DatabaseBackup.removeLeftovers(database.file(), progress);
            return Optional.empty();
        }
        return Optional.of(DatabaseBackup.create(database, DatabaseBackup.Kind.BACKUP, clock, progress));
    }

    /**
     * The shipped version {@code requested} means.
     *
     * @throws MigrationRefusedException (reason {@code UNKNOWN_VERSION}) if it means none
     */
    String knownVersion(String requested, boolean allowBase, String operation) {
        return SchemaVersion.resolve(requested, allowBase, ShippedMigrations.versions())
                .orElseThrow(() -> Refusals.unknownVersion(database.file(), requested, allowBase, operation));
    }
}
