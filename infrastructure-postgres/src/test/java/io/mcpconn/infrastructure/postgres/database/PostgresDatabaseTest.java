package io.mcpconn.infrastructure.postgres.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfiguration;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfigurationException;
import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.connection.PostgresMcpConnectionRepository;
import io.mcpconn.infrastructure.postgres.migration.PostgresSchemaMigrator;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.postgres.PostgresServer;
import io.mcpconn.testkit.servers.FreePorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a runtime meets on a real server: bad credentials, missing databases, other writers. */
class PostgresDatabaseTest {

    @Test
    void a_wrong_password_is_one_clear_error_that_never_repeats_it() {
        var options = PostgresTestDatabases.freshDatabase("password").withPassword("not-the-password");
        assertThatThrownBy(() -> PostgresDatabase.open(options)).isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("refused user postgres with the password given")
                .hasMessageContaining("PGPASSWORD").hasMessageNotContaining("not-the-password");
    }

    @Test
    void a_missing_database_says_how_to_create_it() {
        var server = PostgresServer.shared();
        var options = PostgresDatabaseOptions.of(io.mcpconn.infrastructure.postgres.database.PostgresLocation.parse(
                server.jdbcUrl("no_such_database"))).withUser(server.user()).withPassword(server.password());
        assertThatThrownBy(() -> PostgresDatabase.open(options)).isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("has no database no_such_database").hasMessageContaining("createdb");
    }

    @Test
    void a_server_that_does_not_answer_fails_within_the_timeout_naming_where() {
        int port = FreePorts.any();
        var options = PostgresDatabaseOptions.of(PostgresLocation.parse("postgresql://mcp@127.0.0.1:" + port + "/x"))
                .withPassword("secret").withConnectionTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> PostgresDatabase.open(options)).isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port + " cannot be reached").hasMessageContaining("pg_isready")
                .hasMessageNotContaining("secret");
    }

    @Test
    void a_repository_on_an_unmigrated_database_says_so() {
        try (var database = PostgresDatabase.open(PostgresTestDatabases.freshDatabase("unmigrated"))) {
            assertThatThrownBy(() -> new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed()))
                    .isInstanceOf(SchemaNotReadyException.class)
                    .hasMessageStartingWith("The PostgreSQL database unmigrated")
                    .hasMessageContaining("is not migrated, but PostgresMcpConnectionRepository needs version 6");
            new PostgresSchemaMigrator(database).migrateTo("3");
            assertThatThrownBy(() -> new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed()))
                    .hasMessageContaining("is at schema version 3");
        }
    }

    @Test
    void another_writers_update_without_the_version_makes_a_loaded_copy_stale() {
        try (var database = PostgresTestDatabases.migrated("foreign")) {
            var repository = new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed());
            McpConnection connection = McpConnections.disconnected("github", Clock.systemUTC());
            repository.save(connection);
            var loaded = repository.findById(connection.namespace(), connection.id()).orElseThrow();

            // The Python service knows nothing of the version column; V4's trigger bumps it.
            database.update(statements -> {
                try (var statement = statements.connection().createStatement()) {
                    return statement.executeUpdate("UPDATE mcp_connections SET status = 'error',"
                            + " error_message = 'from python' WHERE id = '" + connection.id().value() + "'");
                }
            });

            loaded.startConnecting(Instant.now());
            assertThatThrownBy(() -> repository.save(loaded)).isInstanceOf(ConcurrentUpdateException.class);
        }
    }

    @Test
    void instances_sharing_a_database_must_be_given_the_same_key() {
        assertThatThrownBy(() -> SecretsConfiguration.forSharedDatabase(Map.of()))
                .isInstanceOf(SecretsConfigurationException.class)
                .hasMessageContaining("several instances share").hasMessageContaining("MCPCONN_SECRET_KEY");
        assertThat(SecretsConfiguration.forSharedDatabase(Map.of("MCPCONN_SECRETS", "plaintext")).secrets().seals())
                .isFalse();
    }
}
