package io.mcpconn.infrastructure.sqlite.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;

/**
 * One versioned row of Flyway's history, read with plain SQL so that a downgrade can plan inside
 * the same write transaction that carries it out.
 */
record AppliedMigration(String version, String description, String type, String script, boolean success) {

    static List<AppliedMigration> read(Connection connection) throws SQLException {
        List<AppliedMigration> applied = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, description, type, script, success FROM "
                        + ExistingSchema.HISTORY_TABLE + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rows.next()) {
                applied.add(new AppliedMigration(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getInt(5) == 1));
            }
        }
        applied.sort((a, b) -> a.parsedVersion().compareTo(b.parsedVersion()));
        return applied;
    }

    /** Deletes the history rows of {@code versions}, as undoing or stamping below them does. */
    static void forget(Connection connection, List<String> versions) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + ExistingSchema.HISTORY_TABLE
                + " WHERE version = ?")) {
            for (String version : versions) {
                delete.setString(1, version);
                delete.executeUpdate();
            }
        }
    }

    MigrationVersion parsedVersion() {
        return MigrationVersion.fromVersion(version);
    }

    boolean isBaseline() {
        return type.startsWith("BASELINE");
    }
}
