package io.mcpconn.infrastructure.sqlite.connection;

import static io.mcpconn.testkit.fixtures.McpConnections.AGENT;
import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static io.mcpconn.testkit.fixtures.McpConnections.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.MissingApiKeyException;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.UnreadableConnection;
import io.mcpconn.domain.connection.UnreadableConnectionException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A row another program broke is named with its id and column when it is read alone, and reported
 * beside the readable rows by listings, which page past it; it never blocks its namespace.
 */
class UnreadableRowTest {

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
        broken = McpConnections.in(ConnectionStatus.ERROR, NAMESPACE, AGENT, "broken", clock);
        healthy = McpConnections.in(ConnectionStatus.ERROR, NAMESPACE, AGENT, "healthy", clock);
        repository.save(broken);
        repository.save(healthy);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void store(String column, String value, String id) {
        database.write(dsl -> dsl.execute("UPDATE mcp_connections SET " + column + " = ? WHERE id = ?", value, id));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            config_json | '{"server_name": "broken", "api_key": "sk-test-4e1f0b7a9c2d" oops}' | is not valid JSON for this column at line 1
            config_json | '{"server_name": "broken", "url": "ftp://x", "api_key": null}'      | holds an invalid configuration: server url ftp://x must start with http:// or https://
            config_json | '[1, 2]'                                                               | is not valid JSON for this column
            config_json | '{"server_name": "big", "url": "http://h/mcp", "timeout": 1e99999999}'  | is not valid JSON for this column: "timeout" must be a number, not a number out of range
            config_json | '{"transport": "stdio", "command": "npx", "env": {"A": null}}'        | holds null as the value of env.A
            config_json | '{"transport": "stdio", "command": "npx", "working_directory": "a\\u0000b"}' | holds a value that cannot be read (InvalidPathException)
            tools_json  | '[{"name": "a"}, {"name": "a"}]'                                       | holds an invalid tool: tool names must be unique
            tools_json  | '[{"name": "a", "input_schema": []}]'                                  | holds tool "a" whose input_schema is a JSON array, not an object
            tools_json  | '{not json'                                                            | is not valid JSON for this column
            status      | 'connected'                                                            | holds the unknown status 'connected'; known statuses are disconnected, connecting, active, disconnecting, error
            created_at  | 'yesterday'                                                            | holds 'yesterday', which is not a UTC time
            error_at    | '2025-13-45 99:00:00'                                                  | holds '2025-13-45 99:00:00', which is not a UTC time
            server_name | 'has space'                                                            | holds a value the domain refuses: server name "has space" may only contain
            """)
    void a_corrupt_column_is_named_with_its_row_when_read_alone_and_reported_by_every_listing(String column, String value,
            String problem) {
        store(column, value, broken.id().value());

        assertThatThrownBy(() -> repository.findById(NAMESPACE, broken.id()))
                .isInstanceOfSatisfying(UnreadableConnectionException.class, e -> {
                    assertThat(e.unreadable().storedId()).isEqualTo(broken.id().value());
                    assertThat(e.unreadable().column()).isEqualTo(column);
                    assertThat(e.getMessage())
                            .startsWith("stored connection " + broken.id() + " cannot be read: column " + column + " " + problem)
                            .contains("DELETE FROM mcp_connections WHERE id = '" + broken.id() + "'")
                            .doesNotContain(SECRET);
                });
        assertThat(repository.findById(NAMESPACE, healthy.id())).contains(healthy);

        var listings = listings();
        if (column.equals("status")) {
            // No status matches 'connected': the status listing cannot meet the row at all.
            listings = listings.subList(0, 2);
        }
        for (Function<PageRequest, Page<McpConnection>> listing : listings) {
            var page = listing.apply(PageRequest.first(10));
            assertThat(page.items()).as("the readable row is listed").containsExactly(healthy);
            assertThat(page.unreadable()).singleElement().satisfies(row -> {
                assertThat(row.storedId()).isEqualTo(broken.id().value());
                assertThat(row.column()).isEqualTo(column);
                assertThat(row.problem()).startsWith(problem).doesNotContain(SECRET);
                assertThat(row.repair()).contains("DELETE FROM mcp_connections");
            });
            assertThat(page.hasNext()).isFalse();
        }
    }

    private List<Function<PageRequest, Page<McpConnection>>> listings() {
        return List.of(request -> repository.findAll(NAMESPACE, request),
                request -> repository.findByAgent(NAMESPACE, AGENT, request),
                request -> repository.findByStatus(NAMESPACE, ConnectionStatus.ERROR, request));
    }

    @Test
    void paging_moves_past_unreadable_rows_and_visits_every_row_once_even_one_whose_time_is_unreadable() {
        var ids = new ArrayList<String>(List.of(broken.id().value(), healthy.id().value()));
        for (int i = 0; i < 8; i++) {
            var connection = McpConnections.in(ConnectionStatus.ERROR, NAMESPACE, AGENT, "more-" + i, clock);
            repository.save(connection);
            ids.add(connection.id().value());
        }
        store("created_at", "yesterday", broken.id().value());
        store("config_json", "{oops", ids.get(4));
        store("status", "lost", ids.get(7));
        store("created_at", "x".repeat(200), ids.get(9));

        var listings = listings();
        for (int l = 0; l < listings.size(); l++) {
            var listing = listings.get(l);
            var seen = new HashSet<String>();
            var unreadable = new ArrayList<UnreadableConnection>();
            var page = listing.apply(PageRequest.first(3));
            while (true) {
                assertThat(page.items().size() + page.unreadable().size()).isLessThanOrEqualTo(3);
                page.items().forEach(c -> assertThat(seen.add(c.id().value())).as("once: " + c.id()).isTrue());
                page.unreadable().forEach(row -> assertThat(seen.add(row.storedId())).as("once: " + row).isTrue());
                unreadable.addAll(page.unreadable());
                if (page.next().isEmpty()) {
                    break;
                }
                page = listing.apply(PageRequest.after(page.next().get(), 3));
            }
            // The status filter cannot match a row whose status is 'lost'.
            var expected = new HashSet<>(ids);
            if (l == 2) {
                expected.remove(ids.get(7));
            }
            assertThat(seen).isEqualTo(expected);
            assertThat(unreadable).extracting(UnreadableConnection::column).contains("created_at", "config_json");
        }
    }

    @Test
    void a_row_the_python_service_writes_with_auth_required_and_its_key_kept_elsewhere_is_readable_but_cannot_connect() {
        store("config_json", "{\"server_name\": \"healthy\", \"url\": \"http://localhost:8080/mcp\", \"timeout\": 30,"
                + " \"retry_attempts\": 3, \"auth_required\": true, \"api_key\": null}", healthy.id().value());
        store("status", "disconnected", healthy.id().value());

        var read = repository.findById(NAMESPACE, healthy.id()).orElseThrow();
        assertThat(read.config().authRequired()).isTrue();
        assertThat(read.config().apiKey()).isEmpty();
        assertThat(repository.findAll(NAMESPACE, PageRequest.first(10)).items()).contains(read);
        assertThatThrownBy(() -> read.startConnecting(clock.instant())).isInstanceOf(MissingApiKeyException.class)
                .hasMessageContaining("requires authentication, but no api key is stored for it");
    }

    @Test
    void tools_json_too_long_to_be_a_catalog_is_reported_from_its_length_without_being_loaded() {
        database.write(dsl -> dsl.execute("UPDATE mcp_connections SET tools_json = '[' || printf('%.*c', ?, ' ') || ']'"
                + " WHERE id = ?", SqliteMcpConnectionRepository.MAX_TOOLS_LENGTH, broken.id().value()));

        assertThatThrownBy(() -> repository.findById(NAMESPACE, broken.id()))
                .isInstanceOf(UnreadableConnectionException.class)
                .hasMessageContaining("column tools_json holds " + (SqliteMcpConnectionRepository.MAX_TOOLS_LENGTH + 2)
                        + " characters of JSON, more than the " + SqliteMcpConnectionRepository.MAX_TOOLS_LENGTH + " this library reads");
        assertThat(repository.findAll(NAMESPACE, PageRequest.first(10)).items()).containsExactly(healthy);
    }
}
