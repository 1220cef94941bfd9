package io.mcpconn.infrastructure.postgres.migration;

import static io.mcpconn.infrastructure.jdbc.jooq.Tables.MCP_CONNECTIONS;
import static io.mcpconn.infrastructure.jdbc.jooq.Tables.MCP_SESSION_LEASES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.jdbc.connection.ConnectionSql;
import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.postgres.database.PostgresDialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/** The PostgreSQL migrations on a real server: the model's table, up and down again, and several instances at once. */
class PostgresSchemaMigratorTest {

    @Test
    void head_makes_exactly_the_columns_of_the_shared_jooq_model() {
        try (var database = PostgresTestDatabases.migrated("schema")) {
            assertThat(columns(database, "mcp_connections")).isEqualTo(modelColumns(MCP_CONNECTIONS));
            assertThat(columns(database, "mcp_session_leases")).isEqualTo(modelColumns(MCP_SESSION_LEASES));
            assertThat(indexes(database)).contains("ix_mcp_connections_namespace", "ix_mcp_connections_namespace_agent",
                    "ux_mcp_connections_namespace_server_name", "ix_mcp_connections_namespace_created",
                    "ix_mcp_connections_namespace_agent_created", "ix_mcp_session_leases_holder");
            assertThat(types(database)).contains("config_json jsonb", "tools_json jsonb",
                    "created_at timestamp with time zone", "version bigint");
        }
    }

    @Test
    void a_page_is_read_from_v5s_index_without_sorting() {
        try (var database = PostgresTestDatabases.migrated("plans")) {
            var sql = ConnectionSql.of(PostgresDialect.INSTANCE);
            // Planner statistics of an empty table would favour a scan; rows of many namespaces make it realistic.
            execute(database, "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json, created_at)"
                    + " SELECT 'id-' || i, 'server-' || i, 'ns-' || (i % 20), 'agent-' || (i % 3), '{}',"
                    + " now() - i * interval '1 second' FROM generate_series(1, 20000) AS i");
            execute(database, "ANALYZE mcp_connections");
            assertThat(plan(database, sql.firstPageOfNamespace(), "ns-1", "51"))
                    .contains("ix_mcp_connections_namespace_created").doesNotContain("Sort");
            assertThat(plan(database, sql.firstPageOfAgent(), "ns-1", "agent-1", "51"))
                    .contains("ix_mcp_connections_namespace_agent_created").doesNotContain("Sort");
        }
    }

    @Test
    void every_migration_is_undone_by_its_down_script_and_can_be_applied_again() {
        try (var database = PostgresDatabase.open(PostgresTestDatabases.freshDatabase("downgrade"))) {
            var migrator = new PostgresSchemaMigrator(database);
            assertThat(migrator.migrate()).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(migrator.current().current()).contains("6");

            assertThat(migrator.downgradeTo("2")).containsExactly("6", "5", "4", "3");
            assertThat(migrator.current().current()).contains("2");
            assertThat(indexes(database)).doesNotContain("ix_mcp_connections_namespace_created");
            assertThat(tables(database)).doesNotContain("mcp_session_leases");

            assertThat(migrator.downgradeTo("0")).containsExactly("2", "1");
            assertThat(migrator.current().current()).isEmpty();
            assertThat(tables(database)).containsExactly("flyway_schema_history");

            assertThat(migrator.migrate()).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(columns(database, "mcp_connections")).isEqualTo(modelColumns(MCP_CONNECTIONS));
        }
    }

    @Test
    void v2_refuses_duplicate_server_names_listing_them_and_leaves_the_database_at_v1() {
        try (var database = PostgresDatabase.open(PostgresTestDatabases.freshDatabase("duplicates"))) {
            var migrator = new PostgresSchemaMigrator(database);
            migrator.migrateTo("1");
            execute(database, "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json) VALUES"
                    + " ('a', 'github', 'team', 'agent', '{}'), ('b', 'github', 'team', 'agent', '{}')");

            assertThatThrownBy(migrator::migrate).hasMessageContaining("duplicate server names per namespace:"
                    + " team/github (2 rows)").hasMessageContaining("Rename or delete the duplicates");
            assertThat(migrator.current().current()).contains("1");
            assertThat(columns(database, "mcp_connections")).doesNotContain("version");
        }
    }

    @Test
    void of_instances_upgrading_at_once_exactly_one_applies_each_migration() throws Exception {
        var options = PostgresTestDatabases.freshDatabase("together");
        int instances = 4;
        var applied = new CopyOnWriteArrayList<String>();
        var failures = new CopyOnWriteArrayList<Throwable>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(instances);
        var databases = new ArrayList<PostgresDatabase>();
        for (int i = 0; i < instances; i++) {
            databases.add(PostgresDatabase.open(options));
        }
        try {
            for (var database : databases) {
                pool.submit(() -> {
                    try {
                        start.await();
                        applied.addAll(new PostgresSchemaMigrator(database).migrate());
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(failures).isEmpty();
            assertThat(applied).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
            assertThat(new PostgresSchemaMigrator(databases.get(0)).current().current()).contains("6");
        } finally {
            databases.forEach(PostgresDatabase::close);
        }
    }

    static List<String> modelColumns(Table<?> table) {
        return Arrays.stream(table.fields()).map(Field::getName).sorted().toList();
    }

    static List<String> columns(PostgresDatabase database, String table) {
        return strings(database, "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = '" + table + "' ORDER BY column_name");
    }

    private static List<String> types(PostgresDatabase database) {
        return strings(database, "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = 'mcp_connections'");
    }

    private static List<String> indexes(PostgresDatabase database) {
        return strings(database, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1");
    }

    private static List<String> tables(PostgresDatabase database) {
        return strings(database, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
    }

    private static String plan(PostgresDatabase database, String sql, String... parameters) {
        return database.query(statements -> {
            var explain = statements.prepare("EXPLAIN " + sql);
            for (int i = 0; i < parameters.length; i++) {
                explain.setString(i + 1, parameters[i]);
            }
            var plan = new StringBuilder();
            try (var result = explain.executeQuery()) {
                while (result.next()) {
                    plan.append(result.getString(1)).append('\n');
                }
            }
            return plan.toString();
        });
    }

    private static void execute(PostgresDatabase database, String sql) {
        database.update(statements -> {
            try (var statement = statements.connection().createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }

    private static List<String> strings(PostgresDatabase database, String sql) {
        return database.query(statements -> {
            var values = new ArrayList<String>();
            try (var statement = statements.connection().createStatement(); var result = statement.executeQuery(sql)) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        });
    }
}
