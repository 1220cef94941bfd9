package io.mcpconn.infrastructure.postgres.migration;

import io.mcpconn.infrastructure.jdbc.migration.FlywayHistory;
import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
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

/** What the PostgreSQL operations share: Flyway set up on the database, the shipped scripts, the history table. */
final class PostgresMigrations {

    /** Where the migrations are read from. */
    static final String MIGRATIONS_LOCATION = "classpath:db/postgresql/migration";
    /** Where the down scripts are read from: outside Flyway's location, so Flyway never runs them. */
    static final String ROLLBACK_LOCATION = "db/postgresql/rollback";
    private static final String HISTORY = "flyway_schema_history";

    /** What a stamp changed in the history. */
    record Stamped(List<String> recorded, List<String> forgotten) {
    }

    private final PostgresDatabase database;

    PostgresMigrations(PostgresDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    Flyway flyway(Optional<String> target) {
        var configuration = Flyway.configure(PostgresMigrations.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations(MIGRATIONS_LOCATION)
                .cleanDisabled(true)
                .validateMigrationNaming(true);
        target.ifPresent(configuration::target);
        return configuration.load();
    }

    List<String> shipped() {
        return shippedInfo().stream().map(info -> info.getVersion().getVersion()).distinct().toList();
    }

    String head() {
        var shipped = shipped();
        return shipped.get(shipped.size() - 1);
    }

    /**
     * The shipped version {@code requested} means, as a caller may write it ({@code 2}, {@code V2},
     * {@code head}, and for a downgrade or stamp {@code base} or {@code 0}, which give {@code "0"});
     * otherwise the refusal of {@code operation}.
     */
    String known(String requested, String operation, boolean allowBase) {
        var shipped = shipped();
        return SchemaVersion.resolve(requested, allowBase, shipped)
                .map(version -> version.equals(SchemaVersion.BASE) ? "0" : version)
                .orElseThrow(() -> PostgresMigrationRefusedException.unknownVersion(database.describe(), requested,
                        operation, shipped));
    }

    List<HistoryEntry> history() {
        var descriptions = new java.util.HashMap<String, String>();
        shippedInfo().forEach(info -> descriptions.put(info.getVersion().getVersion(), info.getDescription()));
        // The driver reads TIMESTAMP (without time zone) as the JVM's local time; Flyway writes the server's now().
        return FlywayHistory.entries(flyway(Optional.empty()).info().all(),
                version -> Optional.ofNullable(descriptions.get(version)), java.util.Date::toInstant);
    }

    List<String> apply(String target) {
        try {
            var result = flyway(Optional.of(target)).migrate();
            return result.migrations.stream().map(migration -> migration.version).toList();
        } catch (FlywayException e) {
            throw new IllegalStateException("Migrating " + database.describe() + " failed: " + e.getMessage()
                    + "; nothing of the failed migration was kept (PostgreSQL runs each in a transaction)", e);
        }
    }

    /** Runs the down scripts of the applied versions newer than {@code target}, newest first, in one transaction. */
    List<String> undoTo(String target) {
        var undone = FlywayHistory.applied(flyway(Optional.empty()).info().all()).stream()
                .filter(version -> MigrationVersion.fromVersion(version).compareTo(MigrationVersion.fromVersion(target)) > 0)
                .sorted((a, b) -> MigrationVersion.fromVersion(b).compareTo(MigrationVersion.fromVersion(a)))
                .toList();
        var scripts = new ArrayList<String>();
        for (var version : undone) {
            scripts.add(downScript(version));
        }
        database.update(statements -> {
            try (var statement = statements.connection().createStatement();
                    var forget = statements.connection().prepareStatement("DELETE FROM " + HISTORY + " WHERE version = ?")) {
                for (int i = 0; i < undone.size(); i++) {
                    statement.execute(scripts.get(i));
                    forget.setString(1, undone.get(i));
                    forget.executeUpdate();
                }
            }
            return null;
        });
        return undone;
    }

    /** Makes the history say {@code target}: shipped versions up to it recorded, newer ones forgotten. */
    Stamped stamp(String target) {
        var infos = flyway(Optional.empty()).info().all();
        var applied = FlywayHistory.applied(infos);
        var limit = MigrationVersion.fromVersion(target);
        var forgotten = applied.stream().filter(v -> MigrationVersion.fromVersion(v).compareTo(limit) > 0).toList();
        var recorded = shippedInfo().stream()
                .filter(info -> info.getVersion().compareTo(limit) <= 0 && !applied.contains(info.getVersion().getVersion()))
                .toList();
        if (!hasHistory() && !recorded.isEmpty()) {
            flyway(Optional.empty()).baseline(); // makes the history table with a baseline row at 1
            database.update(statements -> {
                try (var statement = statements.connection().createStatement()) {
                    statement.executeUpdate("DELETE FROM " + HISTORY + " WHERE type = 'BASELINE'");
                }
                return null;
            });
        }
        database.update(statements -> {
            var connection = statements.connection();
            try (var forget = connection.prepareStatement("DELETE FROM " + HISTORY + " WHERE version = ?");
                    var record = connection.prepareStatement("INSERT INTO " + HISTORY + " (installed_rank, version,"
                            + " description, type, script, checksum, installed_by, execution_time, success) VALUES"
                            + " ((SELECT coalesce(max(installed_rank), 0) + 1 FROM " + HISTORY + "), ?, ?, 'SQL', ?, ?,"
                            + " current_user, 0, true)")) {
                for (var version : forgotten) {
                    forget.setString(1, version);
                    forget.executeUpdate();
                }
                for (var info : recorded) {
                    record.setString(1, info.getVersion().getVersion());
                    record.setString(2, info.getDescription());
                    record.setString(3, info.getScript());
                    record.setObject(4, info.getChecksum());
                    record.executeUpdate();
                }
            }
            return null;
        });
        return new Stamped(recorded.stream().map(info -> info.getVersion().getVersion()).toList(), forgotten);
    }

    boolean hasHistory() {
        return exists(HISTORY);
    }

    boolean hasTable() {
        return exists("mcp_connections");
    }

    long connectionCount() {
        if (!hasTable()) {
            return 0;
        }
        return database.query(statements -> {
            try (var statement = statements.connection().createStatement();
                    var result = statement.executeQuery("SELECT count(*) FROM mcp_connections")) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    private boolean exists(String table) {
        return database.query(statements -> {
            var query = statements.prepare("SELECT to_regclass(?) IS NOT NULL");
            query.setString(1, table);
            try (var result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        });
    }

    private List<MigrationInfo> shippedInfo() {
        return Arrays.stream(flyway(Optional.empty()).info().all())
                .filter(info -> info.isVersioned() && info.getScript() != null && info.getType().isSynthetic() == false
                        && info.getPhysicalLocation() != null && !info.getPhysicalLocation().isEmpty())
                .toList();
    }

    private String downScript(String version) {
        var name = shippedInfo().stream().filter(info -> info.getVersion().getVersion().equals(version))
                .map(info -> "U" + version + "__" + info.getScript().substring(info.getScript().indexOf("__") + 2))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("migration " + version + " is not one this build ships;"
                        + " it cannot be undone by it"));
        try (InputStream in = PostgresMigrations.class.getClassLoader().getResourceAsStream(ROLLBACK_LOCATION + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the down script " + name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the down script " + name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
