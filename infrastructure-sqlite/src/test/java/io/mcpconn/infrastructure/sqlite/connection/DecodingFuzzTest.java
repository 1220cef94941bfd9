package io.mcpconn.infrastructure.sqlite.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.fuzz.DecodingFuzz;
import io.mcpconn.testkit.fuzz.StoredRowFuzz;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows written with plain JDBC, behind the adapter's back, holding whatever {@link StoredRowFuzz}
 * makes of {@code config_json}, {@code tools_json} and the times: the adapter reads each one back or
 * reports it as unreadable, and nothing else escapes. Seeded: {@code -Dmcpconn.fuzz.seed=…} replays
 * a run, {@code -Dmcpconn.fuzz.cases=…} sizes it.
 */
class DecodingFuzzTest {

    @TempDir
    Path directory;

    @Test
    void every_stored_row_reads_back_or_is_reported_unreadable_and_nothing_else_escapes() throws Exception {
        long seed = StoredRowFuzz.seed(20251112L);
        int cases = Integer.getInteger("mcpconn.fuzz.cases", 1500);
        Path file = directory.resolve("mcpconn.db");
        try (var database = SqliteDatabase.open(file);
             var jdbc = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            new SchemaMigrator(database).migrate();
            var repository = new SqliteMcpConnectionRepository(database);
            DecodingFuzz.ColumnWriter writer = (String id, Map<String, String> columns) -> {
                for (var column : columns.entrySet()) {
                    try (var update = jdbc.prepareStatement(
                            "UPDATE mcp_connections SET " + column.getKey() + " = ? WHERE id = ?")) {
                        update.setString(1, column.getValue());
                        update.setString(2, id);
                        update.executeUpdate();
                    }
                }
                return true;
            };
            var figures = DecodingFuzz.run("sqlite", repository, writer, seed, cases, false);
            System.out.println(figures.line());
            assertThat(figures.escaped())
                    .as("seed %d (replay with -D%s=%d): failures", seed, StoredRowFuzz.SEED_PROPERTY, seed)
                    .isEmpty();
            assertThat(figures.readable()).as("some rows are readable").isPositive();
            assertThat(figures.unreadable()).as("some rows are reported").isPositive();
        }
    }
}
