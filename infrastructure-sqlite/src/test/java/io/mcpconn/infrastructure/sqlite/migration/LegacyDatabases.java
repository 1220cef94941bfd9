package io.mcpconn.infrastructure.sqlite.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Databases as other programs leave them: the Python service's, with its Alembic revision, and
 * tables made by hand. Written with plain JDBC, as a foreign program would.
 */
final class LegacyDatabases {

    /** The table exactly as SQLAlchemy emits the seed's revision ff4b1a18d2f0 for SQLite. */
    static final String SEED_TABLE_DDL = """
            CREATE TABLE mcp_connections (
            \tid VARCHAR(36) NOT NULL,
            \tserver_name VARCHAR(255) NOT NULL,
            \tnamespace VARCHAR(255) NOT NULL,
            \tagent_id VARCHAR(255) NOT NULL,
            \tstatus VARCHAR(50) DEFAULT 'disconnected' NOT NULL,
            \tconfig_json JSON NOT NULL,
            \ttools_json JSON DEFAULT '[]' NOT NULL,
            \terror_message TEXT,
            \terror_at DATETIME,
            \tcreated_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
            \tconnected_at DATETIME,
            \tdisconnected_at DATETIME,
            \tupdated_at DATETIME,
            \tPRIMARY KEY (id)
            )""";

    private LegacyDatabases() {
    }

    /** The Python service's database after {@code alembic upgrade head}, with one row and another table. */
    static void pythonService(Path file) throws SQLException {
        execute(file,
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                        + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
                "INSERT INTO alembic_version VALUES ('ff4b1a18d2f0')",
                "CREATE TABLE memories (id VARCHAR(36) PRIMARY KEY, content TEXT)",
                SEED_TABLE_DDL,
                "CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace)",
                "CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id)",
                "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json)"
                        + " VALUES ('test-uuid-123', 'test_server', 'test-namespace', 'test-agent', '{}')");
    }

    /** A table made by hand that is not V1's: no composite index, and a column V1 does not have. */
    static void handMade(Path file) throws SQLException {
        execute(file,
                "CREATE TABLE mcp_connections (id VARCHAR(36) PRIMARY KEY, server_name VARCHAR(255) NOT NULL,"
                        + " namespace VARCHAR(255) NOT NULL, agent_id VARCHAR(255) NOT NULL, owner TEXT)",
                "CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace)");
    }

    static void execute(Path file, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Every table, index and trigger as SQLite keeps it, and Flyway's history: to tell that nothing changed. */
    static String schemaText(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT (SELECT group_concat(type || ' ' || name || ' '"
                        + " || coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_master ORDER BY type, name))"
                        + " || char(10) || (SELECT group_concat(version || ' ' || coalesce(installed_by, '') || ' '"
                        + " || installed_on, char(10)) FROM flyway_schema_history)")) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    static long count(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }
}
