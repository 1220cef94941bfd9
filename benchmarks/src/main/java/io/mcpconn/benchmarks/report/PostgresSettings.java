package io.mcpconn.benchmarks.report;

import io.mcpconn.benchmarks.dataset.PostgresServerAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL server the figures come from: its version and the settings that move them
 * (memory, durability, WAL, JIT), as the server reports them while the run's server is still up.
 *
 * @param version  what {@code SELECT version()} answers
 * @param settings setting name to value, with its unit, in {@link #NAMES}' order
 */
public record PostgresSettings(String version, Map<String, String> settings) {

    /** The settings the report states. */
    static final List<String> NAMES = List.of("shared_buffers", "effective_cache_size", "work_mem", "fsync",
            "synchronous_commit", "full_page_writes", "wal_level", "max_wal_size", "checkpoint_timeout", "jit",
            "max_connections", "default_transaction_isolation", "TimeZone");

    public PostgresSettings {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Asks the server at {@code server}. */
    public static PostgresSettings read(PostgresServerAddress server) throws SQLException {
        try (Connection connection = server.connect(PostgresServerAddress.MAINTENANCE_DATABASE)) {
            String version;
            try (PreparedStatement statement = connection.prepareStatement("SELECT version()");
                    ResultSet result = statement.executeQuery()) {
                result.next();
                version = result.getString(1);
            }
            Map<String, String> found = new LinkedHashMap<>();
            Array names = connection.createArrayOf("text", NAMES.toArray());
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT name, current_setting(name) FROM unnest(?) WITH ORDINALITY AS s(name, position) ORDER BY position")) {
                statement.setArray(1, names);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        found.put(result.getString(1), result.getString(2));
                    }
                }
            }
            return new PostgresSettings(version, found);
        }
    }
}
