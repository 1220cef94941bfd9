package io.mcpconn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases written with plain JDBC, as the Python service or an operator would leave them. */
final class SeedDatabases {

    private SeedDatabases() {
    }

    /** The Python service's database after the seed's {@code alembic upgrade head}, with the seed's test row. */
    static void pythonService(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        execute(file,
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                        + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
                "INSERT INTO alembic_version VALUES ('ff4b1a18d2f0')",
                "CREATE TABLE mcp_connections (id VARCHAR(36) NOT NULL, server_name VARCHAR(255) NOT NULL,"
                        + " namespace VARCHAR(255) NOT NULL, agent_id VARCHAR(255) NOT NULL,"
                        + " status VARCHAR(50) DEFAULT 'disconnected' NOT NULL, config_json JSON NOT NULL,"
                        + " tools_json JSON DEFAULT '[]' NOT NULL, error_message TEXT, error_at DATETIME,"
                        + " created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, connected_at DATETIME,"
                        + " disconnected_at DATETIME, updated_at DATETIME, PRIMARY KEY (id))",
                "CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace)",
                "CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id)",
                insert("test-uuid-123", "test_server"));
    }

    static String insert(String id, String server) {
        return "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, status, config_json, tools_json,"
                + " created_at) VALUES ('" + id + "', '" + server + "', 'test-namespace', 'test-agent',"
                + " 'disconnected', '{\"server_name\": \"" + server + "\", \"url\": \"http://localhost:8080\","
                + " \"timeout\": 30, \"retry_attempts\": 3, \"auth_required\": false, \"api_key\": null}', '[]',"
                + " '2025-11-12 13:30:00')";
    }

    static void execute(Path file, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String query(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            StringBuilder result = new StringBuilder();
            while (rows.next()) {
                result.append(rows.getString(1)).append('\n');
            }
            return result.toString();
        }
    }
}
