package io.mcpconn.infrastructure.sqlite.connection;

import static io.mcpconn.testkit.fixtures.McpConnections.AGENT;
import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.fixtures.TickingClock;
import io.mcpconn.testkit.fixtures.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of connections with 5 MB schemas each fits in a small heap: pages end by bytes. Before
 * they did, a page of 100 such connections ran out of memory at 512 MB.
 */
class LargePagesTest {

    private static final int CONNECTIONS = 24;
    private static final String HEAP = "-Xmx512m";

    @TempDir
    Path directory;

    @Test
    void twenty_four_connections_with_5_mb_schemas_are_listed_in_a_512_mb_heap_with_pages_of_100() throws Exception {
        var file = directory.resolve("tmws.db");
        try (var database = SqliteDatabase.open(file)) {
            new SchemaMigrator(database).migrate();
            var repository = new SqliteMcpConnectionRepository(database);
            var clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
            // No secret in it: copies of the row with other ids must read back as well.
            var large = McpConnection.register(ServerName.of("large-0"), NAMESPACE, AGENT,
                    ConnectionConfig.http("http://localhost:8080/mcp"), clock.instant());
            large.startConnecting(clock.instant());
            large.markActive(ToolCatalog.of(Tools.withSchemaOf("huge", 5_000_000), Tools.echo()), clock.instant());
            repository.save(large);
            database.write(dsl -> dsl.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                    + " INSERT INTO mcp_connections SELECT 'copy-' || i, 'large-' || i, namespace, agent_id, status,"
                    + " config_json, tools_json, error_message, error_at, created_at, connected_at, disconnected_at,"
                    + " updated_at, version FROM mcp_connections, n WHERE id = ?", CONNECTIONS - 1, large.id().value()));
        }

        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), ListEverything.class.getName(), file.toString()));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var finished = process.waitFor(120, TimeUnit.SECONDS);
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        System.out.println("--- listing " + CONNECTIONS + " connections of 5 MB in " + HEAP + ":\n" + output);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("listed " + CONNECTIONS + " connections, 0 unreadable");
    }

    /** Reads every page of the namespace, 100 at a time, and says how many it saw. */
    public static final class ListEverything {

        public static void main(String[] args) {
            try (var database = SqliteDatabase.open(Path.of(args[0]))) {
                var repository = new SqliteMcpConnectionRepository(database);
                int listed = 0;
                int unreadable = 0;
                int pages = 0;
                var page = repository.findAll(NAMESPACE, PageRequest.first(100));
                while (true) {
                    pages++;
                    listed += page.items().size();
                    unreadable += page.unreadable().size();
                    if (page.next().isEmpty()) {
                        break;
                    }
                    page = repository.findAll(NAMESPACE, PageRequest.after(page.next().get(), 100));
                }
                System.out.println("listed " + listed + " connections, " + unreadable + " unreadable, in " + pages
                        + " pages");
            }
        }
    }
}
