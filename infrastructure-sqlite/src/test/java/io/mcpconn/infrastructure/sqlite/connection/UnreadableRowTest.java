package io.mcpconn.infrastructure.sqlite.connection;

import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static io.mcpconn.testkit.fixtures.McpConnections.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A row another program broke fails with its id and column named; the other rows stay readable. */
class CorruptRowTest {

    @TempDir
    Path directory;

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
    private SqliteDatabase database;
    private SqliteMcpConnectionRepository repository;
    private McpConnection broken;
    private McpConnection healthy;

    @BeforeEach
    void saveTwoConnections() {
        database = SqliteDatabase.open(directory.resolve("mcpconn.db"));
        new SchemaMigrator(database).migrate();
        repository = new SqliteMcpConnectionRepository(database);
        // In ERROR, so that error_message and error_at describe the row and are read: in any other
        // status the adapter ignores them (the seed fills them only "if status=ERROR").
        broken = McpConnections.in(ConnectionStatus.ERROR, NAMESPACE, McpConnections.AGENT, "broken", clock);
        healthy = McpConnections.active("healthy", clock);
        repository.save(broken);
        repository.save(healthy);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            config_json | '{"server_name": "broken", "api_key": "sk-test-4e1f0b7a9c2d" oops}' | is not valid JSON for this column at line 1
            config_json | '{"server_name": "broken", "url": "ftp://x", "api_key": null}'      | holds an invalid configuration: server url ftp://x must start with http:// or https://
            config_json | '[1, 2]'                                                               | is not valid JSON for this column
            tools_json  | '[{"name": "a"}, {"name": "a"}]'                                       | holds an invalid tool: tool names must be unique
            tools_json  | '[{"name": "a", "input_schema": []}]'                                  | holds tool "a" whose input_schema is a JSON array, not an object
            tools_json  | '{not json'                                                            | is not valid JSON for this column
            status      | 'connected'                                                            | holds the unknown status 'connected'; known statuses are disconnected, connecting, active, disconnecting, error
            created_at  | 'yesterday'                                                            | holds 'yesterday', which is not a UTC time
            error_at    | '2025-13-45 99:00:00'                                                  | holds '2025-13-45 99:00:00', which is not a UTC time
            server_name | 'has space'                                                            | holds a value the domain refuses: server name "has space" may only contain
            """)
    void a_corrupt_column_is_named_with_its_row_and_the_rest_stays_readable(String column, String value, String problem) {
        database.write(dsl -> dsl.execute("UPDATE mcp_connections SET " + column + " = ? WHERE id = ?",
                value, broken.id().value()));

        assertThatThrownBy(() -> repository.findById(NAMESPACE, broken.id()))
                .isInstanceOfSatisfying(CorruptConnectionRowException.class, e -> {
                    assertThat(e.rowId()).isEqualTo(broken.id().value());
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage())
                            .startsWith("stored connection " + broken.id() + " cannot be read: column " + column + " " + problem)
                            .contains("DELETE FROM mcp_connections WHERE id = '" + broken.id() + "'")
                            .doesNotContain(SECRET);
                });

        assertThat(repository.findById(NAMESPACE, healthy.id())).contains(healthy);
        assertThatThrownBy(() -> repository.findAll(NAMESPACE, PageRequest.first(10)))
                .as("a listing that meets the row says which row").isInstanceOf(CorruptConnectionRowException.class);
    }
}
