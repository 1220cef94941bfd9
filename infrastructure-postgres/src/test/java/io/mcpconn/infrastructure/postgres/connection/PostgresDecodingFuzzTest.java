package io.mcpconn.infrastructure.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.testkit.fuzz.DecodingFuzz;
import io.mcpconn.testkit.fuzz.StoredRowFuzz;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decoding fuzz on PostgreSQL: rows overwritten with plain JDBC with whatever JSON trees the
 * JSONB columns accept and whatever times TIMESTAMPTZ accepts (infinity, BC, year 294276, odd
 * offsets); what a column type refuses is counted and left out. The adapter reads each row back or
 * reports it unreadable; nothing else escapes. {@code -Dmcpconn.fuzz.seed=…} replays a run.
 */
class PostgresDecodingFuzzTest {

    @Test
    void every_stored_row_reads_back_or_is_reported_unreadable_and_nothing_else_escapes() throws Exception {
        long seed = StoredRowFuzz.seed(20251112L);
        int cases = Integer.getInteger("mcpconn.fuzz.cases", 1000);
        try (var database = PostgresTestDatabases.migrated("decodingfuzz");
             var jdbc = database.dataSource().getConnection()) {
            var repository = new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed());
            jdbc.setAutoCommit(false);
            DecodingFuzz.ColumnWriter writer = (String id, Map<String, String> columns) -> {
                try {
                    for (var column : columns.entrySet()) {
                        String type = column.getKey().endsWith("_json") ? "jsonb" : "timestamptz";
                        try (var update = jdbc.prepareStatement("UPDATE mcp_connections SET " + column.getKey()
                                + " = CAST(? AS " + type + ") WHERE id = ?")) {
                            update.setString(1, column.getValue());
                            update.setString(2, id);
                            update.executeUpdate();
                        }
                    }
                    jdbc.commit();
                    return true;
                } catch (SQLException refused) {
                    jdbc.rollback();
                    return false;
                }
            };
            var figures = DecodingFuzz.run("postgres", repository, writer, seed, cases, true);
            System.out.println(figures.line());
            assertThat(figures.escaped())
                    .as("seed %d (replay with -D%s=%d): failures", seed, StoredRowFuzz.SEED_PROPERTY, seed)
                    .isEmpty();
            assertThat(figures.readable()).as("some rows are readable").isPositive();
            assertThat(figures.unreadable()).as("some rows are reported").isPositive();
        }
    }

    @Test
    void a_listing_pages_one_row_at_a_time_past_rows_created_at_infinity_and_before_christ() throws Exception {
        try (var database = PostgresTestDatabases.migrated("decodingtimes");
             var jdbc = database.dataSource().getConnection()) {
            var repository = new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed());
            var clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
            var times = List.of("infinity", "-infinity", "0044-03-15 12:00:00+00 BC", "2025-11-12 13:30:00+00",
                    "294276-12-31 23:59:59+00");
            var ids = new HashSet<String>();
            for (int i = 0; i < times.size(); i++) {
                var connection = McpConnections.disconnected("times-" + i, clock);
                repository.save(connection);
                ids.add(connection.id().value());
                try (var update = jdbc.prepareStatement(
                        "UPDATE mcp_connections SET created_at = CAST(? AS timestamptz) WHERE id = ?")) {
                    update.setString(1, times.get(i));
                    update.setString(2, connection.id().value());
                    update.executeUpdate();
                }
            }
            var seen = new ArrayList<String>();
            var page = repository.findAll(McpConnections.NAMESPACE, PageRequest.first(1));
            for (int pages = 0; pages < 20; pages++) {
                page.items().forEach(c -> seen.add(c.id().value()));
                page.unreadable().forEach(row -> seen.add(row.storedId()));
                if (page.next().isEmpty()) {
                    break;
                }
                page = repository.findAll(McpConnections.NAMESPACE, PageRequest.after(page.next().get(), 1));
            }
            assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        }
    }
}
