package io.mcpconn.infrastructure.postgres.migration;

import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Migrates a PostgreSQL database with Flyway, from the scripts under {@value #MIGRATIONS_LOCATION},
 * and back down with the down scripts under {@value #ROLLBACK_LOCATION}. Several instances may
 * upgrade at once: Flyway holds PostgreSQL's advisory lock while it migrates, so exactly one applies
 * each migration and the others find it applied.
 */
public final class PostgresSchemaMigrator {

    /** Where the migrations are read from. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/postgresql/migration";
    /** Where the down scripts are read from: outside Flyway's location, so Flyway never runs them. */
    public static final String ROLLBACK_LOCATION = "db/postgresql/rollback";

    private final PostgresDatabase database;

    /** A migrator for {@code database}. */
    public PostgresSchemaMigrator(PostgresDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** The versions this build ships, oldest first. */
    public List<String> shipped() {
        return Arrays.stream(configure(Optional.empty()).info().all()).filter(MigrationInfo::isVersioned)
                .filter(info -> info.getScript() != null)
                .map(info -> info.getVersion().getVersion()).distinct().toList();
    }

    /** The newest version this build ships. */
    public String head() {
        var shipped = shipped();
        return shipped.get(shipped.size() - 1);
    }

    /** The version the database is at; empty if it is not migrated. */
    public Optional<String> current() {
        return database.schemaVersion();
    }

    /**
     * Applies every pending migration.
     *
     * @return the versions applied by this call (none if another instance applied them first)
     */
    public List<String> migrate() {
        return migrateTo(head());
    }

    /** Applies the pending migrations up to and including {@code version}. */
    public List<String> migrateTo(String version) {
        Objects.requireNonNull(version, "version");
        if (!shipped().contains(version)) {
            throw new IllegalArgumentException("there is no migration " + version + "; this build ships "
                    + String.join(", ", shipped()));
        }
        try {
            var result = configure(Optional.of(version)).migrate();
            return result.migrations.stream().map(migration -> migration.version).toList();
        } catch (FlywayException e) {
            throw new IllegalStateException("Migrating " + database.describe() + " failed: " + e.getMessage()
                    + "; nothing of the failed migration was kept (PostgreSQL runs each in a transaction)", e);
        }
    }

    /**
     * Undoes the applied migrations newer than {@code target} ("0" for none at all), newest first,
     * in one transaction with the removal of their history rows.
     *
     * @return the versions undone
     */
    public List<String> downgradeTo(String target) {
        Objects.requireNonNull(target, "target");
        var applied = Arrays.stream(configure(Optional.empty()).info().applied()).filter(MigrationInfo::isVersioned)
                .map(info -> info.getVersion().getVersion()).filter(version -> !version.equals("0"))
                .distinct().sorted((a, b) -> MigrationVersion.fromVersion(b).compareTo(MigrationVersion.fromVersion(a)))
                .toList();
        var undone = applied.stream()
                .filter(version -> MigrationVersion.fromVersion(version).compareTo(MigrationVersion.fromVersion(target)) > 0)
                .toList();
        var scripts = new ArrayList<String>();
        for (var version : undone) {
            scripts.add(downScript(version));
        }
        database.update(statements -> {
            try (var statement = statements.connection().createStatement()) {
                for (int i = 0; i < undone.size(); i++) {
                    statement.execute(scripts.get(i));
                    statement.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '" + undone.get(i) + "'");
                }
            }
            return null;
        });
        return undone;
    }

    private String downScript(String version) {
        var prefix = "U" + version + "__";
        var name = Arrays.stream(configure(Optional.empty()).info().all())
                .filter(info -> info.isVersioned() && info.getVersion().getVersion().equals(version)
                        && info.getScript() != null)
                .map(info -> prefix + info.getScript().substring(info.getScript().indexOf("__") + 2))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("migration " + version + " is not one this build ships;"
                        + " it cannot be undone by it"));
        try (InputStream in = PostgresSchemaMigrator.class.getClassLoader()
                .getResourceAsStream(ROLLBACK_LOCATION + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the down script " + name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the down script " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private Flyway configure(Optional<String> target) {
        var configuration = Flyway.configure(PostgresSchemaMigrator.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations(MIGRATIONS_LOCATION)
                .cleanDisabled(true)
                .validateMigrationNaming(true);
        target.ifPresent(configuration::target);
        return configuration.load();
    }

}
