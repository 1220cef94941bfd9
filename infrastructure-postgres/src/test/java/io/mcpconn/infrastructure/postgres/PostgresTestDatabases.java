package io.mcpconn.infrastructure.postgres;

import io.mcpconn.infrastructure.jdbc.secrets.SecretKeyRing;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.infrastructure.postgres.database.PostgresLocation;
import io.mcpconn.infrastructure.postgres.migration.PostgresSchemaMigrator;
import io.mcpconn.testkit.postgres.PostgresServer;

/** Fresh databases on the test run's private PostgreSQL cluster. */
public final class PostgresTestDatabases {

    private PostgresTestDatabases() {
    }

    /** Options for a new, empty database of the shared cluster, with its password. */
    public static PostgresDatabaseOptions freshDatabase(String prefix) {
        var server = PostgresServer.shared();
        var name = server.createDatabase(prefix);
        return PostgresDatabaseOptions.of(PostgresLocation.parse(server.jdbcUrl(name)))
                .withUser(server.user()).withPassword(server.password()).withPoolSize(4);
    }

    /** A new database of the shared cluster, migrated to head. */
    public static PostgresDatabase migrated(String prefix) {
        var database = PostgresDatabase.open(freshDatabase(prefix));
        new PostgresSchemaMigrator(database).migrate();
        return database;
    }

    /** Empties the tables of {@code database}, for the next test of a class that shares one database. */
    public static PostgresDatabase emptied(PostgresDatabase database) {
        database.update(statements -> {
            try (var statement = statements.connection().createStatement()) {
                statement.execute("TRUNCATE mcp_connections, mcp_session_leases, mcp_connection_events");
            }
            return null;
        });
        return database;
    }

    /** Secrets sealed with a key of the test's own. */
    public static SecretsAtRest sealed() {
        return SecretsAtRest.sealed(SecretKeyRing.parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "test key"),
                "test key");
    }
}
