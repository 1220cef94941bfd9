package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.sqlite.SQLiteDataSource;

/** The migrations this build ships, read once by asking Flyway about an empty in-memory database. */
final class ShippedMigrations {

    private static final List<ShippedMigration> ALL = load();

    private ShippedMigrations() {
    }

    /** Oldest first. */
    static List<ShippedMigration> all() {
        return ALL;
    }

    static List<String> versions() {
        return ALL.stream().map(ShippedMigration::version).toList();
    }

    static String head() {
        return ALL.get(ALL.size() - 1).version();
    }

    static Optional<ShippedMigration> find(String version) {
        return ALL.stream().filter(migration -> migration.version().equals(version)).findFirst();
    }

    /** The shipped versions up to and including {@code version}, oldest first. */
    static List<String> upTo(String version) {
        return versions().stream().filter(v -> !SchemaVersion.newer(v, version)).toList();
    }

    /** "1 (create mcp_connections), 2 (…)". */
    static String knownList() {
        return String.join(", ", ALL.stream().map(m -> m.version() + " (" + m.description() + ")").toList());
    }

    private static List<ShippedMigration> load() {
        SQLiteDataSource empty = new SQLiteDataSource();
        empty.setUrl("jdbc:sqlite::memory:");
        return Arrays.stream(Flyways.configure(empty).load().info().all())
                .filter(MigrationInfo::isVersioned)
                .map(info -> new ShippedMigration(info.getVersion().getVersion(), info.getDescription(),
                        info.getScript()))
                .toList();
    }
}
