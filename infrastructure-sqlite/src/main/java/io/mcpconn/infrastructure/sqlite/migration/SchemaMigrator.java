package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings a database's schema up to date with the migrations shipped in this module
 * ({@value #MIGRATIONS_LOCATION}), the same scripts the jOOQ classes were generated from.
 *
 * <p>Flyway runs each SQLite migration in its own transaction, so a migration that fails leaves the
 * database at the version before it. Migrations run on connections of their own, not queued behind
 * {@link SqliteDatabase#write}: migrate before the database is used.
 */
public final class SchemaMigrator {

    /** Where the migrations are read from. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    private final SqliteDatabase database;

    /** Creates a migrator for the given database. */
    public SchemaMigrator(SqliteDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Applies every pending migration.
     *
     * @throws SchemaMigrationException if a migration fails; the database stays at the version before it
     * @throws io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException if another process
     *     holds the database past the busy timeout
     */
    public MigrationOutcome migrate() {
        return run(flyway(MigrationVersion.LATEST));
    }

    /**
     * Applies the pending migrations up to and including {@code version} (e.g. {@code "1"}).
     *
     * @throws SchemaMigrationException if a migration fails; the database stays at the version before it
     * @throws io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException if another process
     *     holds the database past the busy timeout
     */
    public MigrationOutcome migrateTo(String version) {
        Objects.requireNonNull(version, "version");
        return run(flyway(MigrationVersion.fromVersion(version)));
    }

    private MigrationOutcome run(Flyway flyway) {
        Optional<String> before;
        List<MigrationInfo> pending;
        try {
            before = currentVersion(flyway);
            pending = Arrays.stream(flyway.info().pending())
                    .filter(info -> info.getVersion() != null)
                    .toList();
        } catch (FlywayException e) {
            throw database.explainFailure(e).orElseGet(() -> new SchemaMigrationException(
                    "Reading the migration history of the SQLite database " + database.file() + " failed. "
                            + reason(e), e));
        }
        try {
            int executed = flyway.migrate().migrationsExecuted;
            List<String> applied = pending.stream()
                    .limit(executed)
                    .map(info -> info.getVersion().getVersion())
                    .toList();
            return new MigrationOutcome(before, currentVersion(flyway), applied);
        } catch (FlywayException e) {
            throw database.explainFailure(e).orElseGet(() -> failure(flyway, pending, e));
        }
    }

    private SchemaMigrationException failure(Flyway flyway, List<MigrationInfo> pending, FlywayException e) {
        Optional<String> reached;
        try {
            reached = currentVersion(flyway);
        } catch (FlywayException unreadable) {
            e.addSuppressed(unreadable);
            return new SchemaMigrationException("Migrating the SQLite database " + database.file()
                    + " failed, and its schema version could not be read afterwards. " + reason(e), e);
        }
        Optional<MigrationInfo> failed = pending.stream()
                .filter(info -> reached.isEmpty()
                        || info.getVersion().compareTo(MigrationVersion.fromVersion(reached.get())) > 0)
                .findFirst();
        String which = failed.map(info -> "V" + info.getVersion() + " (" + info.getDescription() + ")")
                .orElse("a migration");
        String where = reached.map(version -> "it stays at version " + version)
                .orElse("it stays without any migrated schema");
        return new SchemaMigrationException("Migrating the SQLite database " + database.file() + " failed at "
                + which + "; " + where + ". " + reason(e), e);
    }

    /** SQLite's own words when there are some (a migration's RAISE message), else Flyway's. */
    private static String reason(FlywayException e) {
        return SqliteErrors.sqlCause(e).map(SqliteErrors::messageOf).orElse(e.getMessage());
    }

    private static Optional<String> currentVersion(Flyway flyway) {
        return Optional.ofNullable(flyway.info().current())
                .map(MigrationInfo::getVersion)
                .map(MigrationVersion::getVersion);
    }

    private Flyway flyway(MigrationVersion target) {
        FluentConfiguration configuration = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations(MIGRATIONS_LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .target(target);
        return configuration.load();
    }
}
