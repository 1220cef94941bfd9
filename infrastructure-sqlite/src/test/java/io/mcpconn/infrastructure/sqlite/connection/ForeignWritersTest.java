package io.mcpconn.infrastructure.sqlite.connection;

import static io.mcpconn.testkit.fixtures.McpConnections.AGENT;
import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException;
import io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Other programs write the same table without knowing this library: the Python service changes
 * rows without bumping {@code version}, stores statuses in other spellings, and a database may not
 * be migrated at all. None of it may cost a write or end in a raw SQL error.
 */
class ForeignWritersTest {

    @TempDir
    Path directory;

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");

    private SqliteDatabase migrated() {
        var database = SqliteDatabase.open(directory.resolve("tmws.db"));
        new SchemaMigrator(database).migrate();
        return database;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE mcp_connections SET status = 'error', error_message = 'python saw it fail' WHERE id = ?",
        "UPDATE mcp_connections SET tools_json = '[]' WHERE id = ?",
        // A writer that does set version, but to the value it read: the same as not knowing it.
        "UPDATE mcp_connections SET config_json = json_set(config_json, '$.timeout', 99), version = version WHERE id = ?"})
    void a_change_by_a_writer_that_does_not_bump_the_version_makes_a_stale_save_fail(String foreignUpdate) {
        try (var database = migrated()) {
            var repository = new SqliteMcpConnectionRepository(database);
            var connection = McpConnections.disconnected("tmws_mcp", clock);
            repository.save(connection);
            var stale = repository.findById(NAMESPACE, connection.id()).orElseThrow();

            database.write(dsl -> dsl.execute(foreignUpdate, connection.id().value()));
            stale.startConnecting(clock.instant());

            assertThatThrownBy(() -> repository.save(stale)).isInstanceOf(ConcurrentUpdateException.class)
                    .hasMessageContaining("stored version 2, this copy is version 1");
            var reloaded = repository.findById(NAMESPACE, connection.id()).orElseThrow();
            assertThat(reloaded.version()).isEqualTo(2);
            reloaded.startConnecting(clock.instant());
            repository.save(reloaded);
            assertThat(reloaded.version()).as("our own saves bump once, the trigger stays quiet").isEqualTo(3);
        }
    }

    @Test
    void statuses_stored_in_another_case_or_with_blanks_are_found_by_status_as_by_id() {
        try (var database = migrated()) {
            var repository = new SqliteMcpConnectionRepository(database);
            var upper = McpConnections.active("upper", clock);
            var padded = McpConnections.in(ConnectionStatus.ERROR, NAMESPACE, AGENT, "padded", clock);
            repository.save(upper);
            repository.save(padded);
            database.write(dsl -> dsl.execute("UPDATE mcp_connections SET status = 'ACTIVE' WHERE id = ?", upper.id().value()));
            database.write(dsl -> dsl.execute("UPDATE mcp_connections SET status = ' Error\t' WHERE id = ?",
                    padded.id().value()));

            assertThat(repository.findById(NAMESPACE, upper.id()).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
            assertThat(repository.findByStatus(NAMESPACE, ConnectionStatus.ACTIVE, PageRequest.first(10)).items())
                    .extracting(c -> c.id()).containsExactly(upper.id());
            assertThat(repository.findByStatus(NAMESPACE, ConnectionStatus.ERROR, PageRequest.first(10)).items())
                    .extracting(c -> c.id()).containsExactly(padded.id());
        }
    }

    @Test
    void a_repository_on_a_database_not_migrated_far_enough_says_so_instead_of_no_such_column() {
        try (var database = SqliteDatabase.open(directory.resolve("tmws.db"))) {
            assertThatThrownBy(() -> new SqliteMcpConnectionRepository(database))
                    .isInstanceOfSatisfying(SchemaNotReadyException.class, e -> {
                        assertThat(e.current()).isEmpty();
                        assertThat(e.required()).isEqualTo("6");
                    })
                    .hasMessage("The SQLite database " + database.file() + " is not migrated, but"
                            + " SqliteMcpConnectionRepository needs version 6 or later; migrate it first");
            new SchemaMigrator(database).migrateTo("1");
            assertThatThrownBy(() -> new SqliteMcpConnectionRepository(database))
                    .isInstanceOf(SchemaNotReadyException.class).hasMessageContaining("is at schema version 1, but");
            assertThatThrownBy(() -> new SqliteSessionLeaseRepository(database))
                    .hasMessageContaining("SqliteSessionLeaseRepository needs version 3 or later");
            new SchemaMigrator(database).migrateTo("3");
            assertThat(new SqliteSessionLeaseRepository(database)).isNotNull();
            assertThatThrownBy(() -> new SqliteMcpConnectionRepository(database))
                    .hasMessageContaining("is at schema version 3, but SqliteMcpConnectionRepository needs version 6");
        }
    }

    @Test
    void a_table_another_tool_dropped_is_refused_when_the_adapters_are_made_naming_the_cause() {
        try (var database = migrated()) {
            database.write(dsl -> dsl.execute("DROP TABLE mcp_connections"));

            for (Runnable make : new Runnable[] {
                () -> new SqliteMcpConnectionRepository(database),
                () -> new SqliteSessionLeaseRepository(database),
                () -> new SqliteEventOutbox(database)}) {
                assertThatThrownBy(make::run).isInstanceOfSatisfying(SchemaDriftException.class,
                                refused -> assertThat(refused.drift().orElseThrow().differences())
                                        .contains("missing table mcp_connections"))
                        .hasMessageContaining("is recorded at schema version " + SchemaMigrator.head())
                        .hasMessageContaining("mcp_connections does not exist although version");
            }
        }
    }

    @Test
    void missing_indexes_that_only_make_queries_faster_do_not_stop_the_adapters_but_a_unique_one_does() {
        try (var database = migrated()) {
            database.write(dsl -> dsl.execute("DROP INDEX ix_mcp_connections_namespace_created"));
            var repository = new SqliteMcpConnectionRepository(database);
            repository.save(McpConnections.disconnected("tmws_mcp", clock));
            assertThat(repository.findAll(NAMESPACE, PageRequest.first(10)).items()).hasSize(1);

            database.write(dsl -> dsl.execute("DROP INDEX ux_mcp_connections_namespace_server_name"));
            assertThatThrownBy(() -> new SqliteMcpConnectionRepository(database))
                    .isInstanceOf(SchemaDriftException.class)
                    .hasMessageContaining("missing index UNIQUE ux_mcp_connections_namespace_server_name");
        }
    }

    @Test
    void a_table_dropped_while_the_repository_runs_fails_its_calls_with_the_drift_not_a_raw_sql_error() {
        try (var database = migrated()) {
            var repository = new SqliteMcpConnectionRepository(database);
            var connection = McpConnections.disconnected("tmws_mcp", clock);
            repository.save(connection);
            database.write(dsl -> dsl.execute("DROP TABLE mcp_connections"));

            assertThatThrownBy(() -> repository.findById(NAMESPACE, connection.id()))
                    .isInstanceOf(SchemaDriftException.class)
                    .hasMessageContaining("lost part of its schema while in use (no such table: mcp_connections)");
            connection.startConnecting(clock.instant());
            assertThatThrownBy(() -> repository.save(connection)).isInstanceOf(SchemaDriftException.class);
        }
    }
}
