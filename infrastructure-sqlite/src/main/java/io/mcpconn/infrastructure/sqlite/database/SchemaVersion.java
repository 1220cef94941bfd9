package io.mcpconn.infrastructure.sqlite.database;


import io.mcpconn.infrastructure.jdbc.database.AppliedVersions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The schema version a database is at, read straight from Flyway's history table: cheap enough for
 * a repository to check when it is made, without starting Flyway.
 */
public final class SchemaVersion {

    private static final String HISTORY = "flyway_schema_history";

    private SchemaVersion() {
    }

    /**
     * The newest version applied successfully; empty if none is (no history, or only a baseline at
     * 0). Plain JDBC, for the checks made before a command starts: they then load nothing of jOOQ.
     */
    public static Optional<String> applied(Connection connection) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + HISTORY + "'");
                ResultSet found = exists.executeQuery()) {
            if (!found.next()) {
                return Optional.empty();
            }
        }
        List<String> versions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version FROM " + HISTORY + " WHERE success = 1 AND version IS NOT NULL");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return AppliedVersions.newest(versions);
    }
}
