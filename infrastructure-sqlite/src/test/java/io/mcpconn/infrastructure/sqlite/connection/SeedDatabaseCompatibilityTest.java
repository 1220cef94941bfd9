package io.mcpconn.infrastructure.sqlite.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolAnnotations;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.domain.tool.ToolCategory;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database the Python service wrote — created with the seed's own DDL, rows inserted the way
 * the seed's "Manual Verification" section does — is read correctly, and what this library
 * writes is in the seed's JSON formats.
 */
class SeedDatabaseCompatibilityTest {

    private static final Namespace SEED_NAMESPACE = Namespace.of("test-namespace");

    @TempDir
    Path directory;

    private SqliteDatabase database;
    private SqliteMcpConnectionRepository repository;
    private final TickingClock clock = TickingClock.startingAt("2025-11-12T14:00:00Z");

    @BeforeEach
    void createTheSeedsDatabase() throws IOException {
        database = SqliteDatabase.open(directory.resolve("tmws.db"));
        var ddl = new String(Objects.requireNonNull(getClass().getResourceAsStream("/seed/alembic_ff4b1a18d2f0.sql"))
                .readAllBytes(), StandardCharsets.UTF_8);
        database.write(dsl -> {
            for (var statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    dsl.execute(statement);
                }
            }
            // The seed's manual verification row, created_at as SQLAlchemy writes a Python datetime.
            dsl.execute("INSERT INTO mcp_connections (id, server_name, namespace, agent_id, status, config_json,"
                    + " tools_json, created_at) VALUES ('test-uuid-123', 'test_server', 'test-namespace', 'test-agent',"
                    + " 'disconnected', '{\"server_name\": \"test_server\", \"url\": \"http://localhost:8080\","
                    + " \"timeout\": 30, \"retry_attempts\": 3, \"auth_required\": false, \"api_key\": null}', '[]',"
                    + " '2025-11-12 13:30:00.123456')");
            // An active row with the seed's tools_json example, keys the Python side may add, and
            // created_at left to the column's CURRENT_TIMESTAMP default.
            dsl.execute("INSERT INTO mcp_connections (id, server_name, namespace, agent_id, status, config_json,"
                    + " tools_json, connected_at, updated_at) VALUES ('7d0c2a9e-1111-4a5b-9c3d-000000000001', 'tmws_mcp',"
                    + " 'test-namespace', 'test-agent', 'active', '{\"server_name\": \"tmws_mcp\", \"url\":"
                    + " \"http://localhost:8080/mcp\", \"timeout\": 12.5, \"retry_attempts\": 0, \"auth_required\": true,"
                    + " \"api_key\": \"sk-python-written\", \"headers\": {\"X-Trace\": \"1\"}}', '[{\"name\": \"store_memory\","
                    + " \"description\": \"Store semantic memory\", \"input_schema\": {\"type\": \"object\", \"properties\":"
                    + " {\"content\": {\"type\": \"string\"}, \"importance\": {\"type\": \"number\"}}}, \"category\": \"memory\"},"
                    + " {\"name\": \"search_memories\", \"description\": \"Search semantic memories\", \"input_schema\": {},"
                    + " \"category\": \"memory\", \"cost\": 3}, {\"name\": \"frobnicate\", \"description\": \"Lists files\","
                    + " \"input_schema\": {\"type\": \"object\"}, \"category\": \"telepathy\"}]',"
                    + " '2025-11-12T13:31:00Z', '2025-11-12 13:31:00.5')");
            return null;
        });
        // What `mcpconn db upgrade` does on such a database: take it as V1, then apply V2.
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("1").load().migrate();
        // The seed's format, chosen explicitly as a deployment sharing the table with the Python
        // service does; sealed secrets are tested in SecretsAtRestTest.
        repository = new SqliteMcpConnectionRepository(database,
                SecretsAtRest.plaintext(java.util.Optional.empty(), "no key configured"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void the_seeds_verification_row_reads_back() {
        var connection = repository.findById(SEED_NAMESPACE, ConnectionId.of("test-uuid-123")).orElseThrow();

        assertThat(connection.serverName().value()).isEqualTo("test_server");
        assertThat(connection.agentId().value()).isEqualTo("test-agent");
        assertThat(connection.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(connection.config().transport()).isEqualTo(HttpTransport.of("http://localhost:8080"));
        assertThat(connection.config().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(connection.config().retryAttempts()).isEqualTo(3);
        assertThat(connection.config().authRequired()).isFalse();
        assertThat(connection.tools().isEmpty()).isTrue();
        assertThat(connection.createdAt()).isEqualTo(Instant.parse("2025-11-12T13:30:00.123456Z"));
        assertThat(connection.version()).isZero();
    }

    @Test
    void rows_with_other_time_formats_extra_keys_and_unknown_categories_read_back() {
        var connection = repository.findById(SEED_NAMESPACE, ConnectionId.of("7d0c2a9e-1111-4a5b-9c3d-000000000001"))
                .orElseThrow();

        assertThat(connection.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(connection.config().timeout()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(connection.config().apiKey()).hasValueSatisfying(key -> assertThat(key.reveal()).isEqualTo("sk-python-written"));
        assertThat(connection.tools().tools()).extracting(t -> t.name() + ":" + t.category().storageName())
                .containsExactly("store_memory:memory", "search_memories:memory", "frobnicate:file_management");
        assertThat(connection.tools().find("store_memory").orElseThrow().inputSchema().toString())
                .isEqualTo("{\"type\":\"object\",\"properties\":{\"content\":{\"type\":\"string\"},\"importance\":{\"type\":\"number\"}}}");
        assertThat(connection.connectedAt()).contains(Instant.parse("2025-11-12T13:31:00Z"));
        assertThat(connection.updatedAt()).contains(Instant.parse("2025-11-12T13:31:00.5Z"));
        assertThat(connection.createdAt()).as("CURRENT_TIMESTAMP default, no fraction").isAfter(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void python_rows_are_listed_and_updated_like_our_own() {
        assertThat(repository.findAll(SEED_NAMESPACE, PageRequest.first(1)).items()).hasSize(1);
        var all = repository.findByAgent(SEED_NAMESPACE, McpConnections.AGENT, PageRequest.first(10)).items();
        assertThat(all).extracting(c -> c.id().value()).containsExactlyInAnyOrder("test-uuid-123", "7d0c2a9e-1111-4a5b-9c3d-000000000001");

        var seedRow = repository.findById(SEED_NAMESPACE, ConnectionId.of("test-uuid-123")).orElseThrow();
        seedRow.startConnecting(clock.instant());
        repository.save(seedRow);
        assertThat(repository.findById(SEED_NAMESPACE, seedRow.id()).orElseThrow().version()).isEqualTo(1);
    }

    /**
     * Each writer spells created_at its own way; pages still come newest first across all of them,
     * one page at a time from V5's indexes as well as in one long page.
     */
    @Test
    void rows_in_every_writers_time_format_page_in_time_order() {
        String[][] rows = {
            {"f-1", "2025-11-12 13:40:00"},            // CURRENT_TIMESTAMP, no fraction
            {"f-2", "2025-11-12T13:41:00.250000"},      // ISO with 'T'
            {"f-3", "2025-11-12 13:42:00.5"},           // a short fraction
            {"f-4", "2025-11-12T13:43:00"},             // ISO with 'T', no fraction
            {"f-5", "2025-11-12 13:44:00.000001"},      // SQLAlchemy's microseconds
        };
        database.write(dsl -> {
            // Its created_at is the time the test runs: out of this test's timeline.
            dsl.execute("DELETE FROM mcp_connections WHERE id = '7d0c2a9e-1111-4a5b-9c3d-000000000001'");
            for (String[] row : rows) {
                dsl.execute("INSERT INTO mcp_connections (id, server_name, namespace, agent_id, status, config_json,"
                        + " tools_json, created_at) VALUES (?, ?, 'test-namespace', 'test-agent', 'disconnected',"
                        + " '{\"url\": \"http://localhost:8080\"}', '[]', ?)", row[0], "server_" + row[0].substring(2),
                        row[1]);
            }
            return null;
        });
        // Our own write, at the clock's 14:00, is the newest.
        var ours = McpConnections.active("ours", clock);
        repository.save(ours);
        var expected = new String[] {ours.id().value(), "f-5", "f-4", "f-3", "f-2", "f-1", "test-uuid-123"};

        var whole = repository.findByAgent(SEED_NAMESPACE, McpConnections.AGENT, PageRequest.first(50)).items();
        assertThat(whole).extracting(c -> c.id().value()).containsExactly(expected);

        var paged = new java.util.ArrayList<String>();
        var page = repository.findAll(SEED_NAMESPACE, PageRequest.first(2));
        while (true) {
            page.items().forEach(c -> paged.add(c.id().value()));
            if (page.next().isEmpty()) {
                break;
            }
            page = repository.findAll(SEED_NAMESPACE, PageRequest.after(page.next().orElseThrow(), 2));
        }
        assertThat(paged).containsExactly(expected);
    }

    @Test
    void what_we_write_is_in_the_seeds_json_formats() {
        var connection = McpConnections.active("tmws_mcp2", clock);
        repository.save(connection);

        var row = database.read(dsl -> dsl.fetchOne("SELECT config_json, tools_json, typeof(created_at) || ':' || created_at, status FROM mcp_connections"
                + " WHERE id = ?", connection.id().value()));
        assertThat(row.get(0, String.class)).isEqualTo("{\"server_name\":\"tmws_mcp2\",\"url\":\"http://localhost:8080/mcp\","
                + "\"timeout\":45,\"retry_attempts\":5,\"auth_required\":true,\"api_key\":\"" + McpConnections.SECRET + "\"}");
        assertThat(row.get(1, String.class)).startsWith("[{\"name\":\"store_memory\",\"description\":\"Store semantic memory\","
                + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"content\":{\"type\":\"string\"},\"importance\":{\"type\":\"number\"}},"
                + "\"required\":[\"content\"]},\"category\":\"memory\"}");
        assertThat(row.get(2, String.class)).isEqualTo("text:2025-11-12 14:00:00.000000");
        assertThat(row.get(3, String.class)).isEqualTo("active");
    }

    @Test
    void schema_numbers_are_written_as_python_reads_them_back_whole_numbers_as_integers() {
        var schema = JsonValue.object(Map.of("type", JsonValue.string("object"), "properties", JsonValue.object(Map.of(
                "n", JsonValue.object(new java.util.LinkedHashMap<>(Map.of("maximum", JsonValue.number(300)))),
                "x", JsonValue.object(new java.util.LinkedHashMap<>(Map.of("multipleOf",
                        new JsonValue.JsonNumber(new BigDecimal("0.50")))))))));
        var tool = new Tool("limits", Optional.empty(), Optional.empty(), schema, Optional.empty(), ToolAnnotations.NONE,
                ToolCategory.GENERAL);
        var connection = McpConnections.active("numbers", clock);
        connection.replaceTools(ToolCatalog.of(List.of(tool)), clock.instant());
        repository.save(connection);

        var stored = database.read(dsl -> dsl.fetchOne("SELECT tools_json FROM mcp_connections WHERE id = ?",
                connection.id().value())).get(0, String.class);
        assertThat(stored).contains("\"maximum\":300").contains("\"multipleOf\":0.5").doesNotContain("E+");
        assertThat(repository.findById(connection.namespace(), connection.id()).orElseThrow().tools().tools())
                .containsExactly(tool);
    }

    @Test
    void every_tool_field_is_written_in_one_order_and_absent_ones_left_out() {
        var schema = JsonValue.object(Map.of("type", JsonValue.string("object")));
        var full = new Tool("full", Optional.of("Full \"tool\""), Optional.of("does é and \u2028"), schema,
                Optional.of(schema), new ToolAnnotations(Optional.of(true), Optional.empty(), Optional.of(false),
                        Optional.of(true)), ToolCategory.SEARCH);
        var bare = new Tool("bare", Optional.empty(), Optional.empty(), JsonValue.JsonObject.EMPTY, Optional.empty(),
                ToolAnnotations.NONE, ToolCategory.GENERAL);
        var connection = McpConnections.active("fields", clock);
        connection.replaceTools(ToolCatalog.of(List.of(full, bare)), clock.instant());
        repository.save(connection);

        var stored = database.read(dsl -> dsl.fetchOne("SELECT tools_json FROM mcp_connections WHERE id = ?",
                connection.id().value())).get(0, String.class);
        assertThat(stored).isEqualTo("[{\"name\":\"full\",\"title\":\"Full \\\"tool\\\"\",\"description\":\"does é and"
                + " \u2028\",\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"},"
                + "\"annotations\":{\"readOnlyHint\":true,\"idempotentHint\":false,\"openWorldHint\":true},"
                + "\"category\":\"search\"},{\"name\":\"bare\",\"input_schema\":{},\"category\":\"general\"}]");
        assertThat(repository.findById(connection.namespace(), connection.id()).orElseThrow().tools().tools())
                .containsExactly(full, bare);
    }
}
