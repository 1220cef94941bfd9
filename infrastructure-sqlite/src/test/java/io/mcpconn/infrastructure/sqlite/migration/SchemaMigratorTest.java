package io.mcpconn.infrastructure.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.sqlite.migration.Schema.Column;
import io.mcpconn.infrastructure.sqlite.migration.Schema.Index;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest extends OnTemporaryDatabase {

    /** The seed's table as SQLAlchemy creates it on SQLite, column by column. */
    private static final List<Column> SEED_COLUMNS = List.of(
            new Column("id", "VARCHAR(36)", true, null, 1),
            new Column("server_name", "VARCHAR(255)", true, null, 0),
            new Column("namespace", "VARCHAR(255)", true, null, 0),
            new Column("agent_id", "VARCHAR(255)", true, null, 0),
            new Column("status", "VARCHAR(50)", true, "'disconnected'", 0),
            new Column("config_json", "JSON", true, null, 0),
            new Column("tools_json", "JSON", true, "'[]'", 0),
            new Column("error_message", "TEXT", false, null, 0),
            new Column("error_at", "DATETIME", false, null, 0),
            new Column("created_at", "DATETIME", true, "CURRENT_TIMESTAMP", 0),
            new Column("connected_at", "DATETIME", false, null, 0),
            new Column("disconnected_at", "DATETIME", false, null, 0),
            new Column("updated_at", "DATETIME", false, null, 0));

    private static final List<Index> SEED_INDEXES = List.of(
            new Index("ix_mcp_connections_namespace", false, "c", List.of("namespace")),
            new Index("ix_mcp_connections_namespace_agent", false, "c", List.of("namespace", "agent_id")),
            new Index("sqlite_autoindex_mcp_connections_1", true, "pk", List.of("id")));

    private static final Index UNIQUE_SERVER_NAME = new Index("ux_mcp_connections_namespace_server_name", true, "c",
            List.of("namespace", "server_name"));

    private static final Column VERSION = new Column("version", "INTEGER", true, "0", 0);

    @Test
    void v1CreatesExactlyTheSeedsTable() {
        MigrationOutcome outcome = migrator.migrateTo("1");

        assertThat(outcome).isEqualTo(new MigrationOutcome(Optional.empty(), Optional.of("1"), List.of("1")));
        assertThat(Schema.columns(database, "mcp_connections")).containsExactlyElementsOf(SEED_COLUMNS);
        assertThat(Schema.indexes(database, "mcp_connections")).containsExactlyElementsOf(SEED_INDEXES);
    }

    @Test
    void v1FillsTheSeedsDefaults() {
        migrator.migrateTo("1");

        database.write(dsl -> dsl.execute("INSERT INTO mcp_connections (id, server_name, namespace, agent_id,"
                + " config_json) VALUES ('test-uuid-123', 'test_server', 'test-namespace', 'test-agent', '{}')"));

        Record row = database.read(dsl -> dsl.fetchOne("SELECT status, tools_json, CAST(created_at AS TEXT) AS created_at FROM mcp_connections"));
        assertThat(row.get("status", String.class)).isEqualTo("disconnected");
        assertThat(row.get("tools_json", String.class)).isEqualTo("[]");
        assertThat(row.get("created_at", String.class)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void v2AddsTheVersionColumnAndTheUniqueServerNameIndex() {
        migrator.migrateTo("1");
        insert("row-1", "ns-a", "server_x");

        MigrationOutcome outcome = migrator.migrateTo("2");

        assertThat(outcome).isEqualTo(new MigrationOutcome(Optional.of("1"), Optional.of("2"), List.of("2")));
        assertThat(Schema.columns(database, "mcp_connections"))
                .startsWith(SEED_COLUMNS.toArray(Column[]::new))
                .endsWith(VERSION)
                .hasSize(SEED_COLUMNS.size() + 1);
        assertThat(Schema.indexes(database, "mcp_connections"))
                .containsExactlyInAnyOrderElementsOf(plus(SEED_INDEXES, UNIQUE_SERVER_NAME));
        int version = database.read(dsl -> dsl.fetchSingle("SELECT version FROM mcp_connections").get(0, Integer.class));
        assertThat(version).isZero();
    }

    @Test
    void v3AddsTheSessionLeaseTableAndLeavesMcpConnectionsAsV2MadeIt() {
        migrator.migrateTo("2");

        MigrationOutcome outcome = migrator.migrateTo("3");

        assertThat(outcome).isEqualTo(new MigrationOutcome(Optional.of("2"), Optional.of("3"), List.of("3")));
        assertThat(Schema.columns(database, "mcp_session_leases")).containsExactly(
                new Column("connection_id", "VARCHAR(36)", true, null, 1),
                new Column("namespace", "VARCHAR(255)", true, null, 0),
                new Column("holder", "VARCHAR(128)", true, null, 0),
                new Column("acquired_at", "DATETIME", true, null, 0),
                new Column("expires_at", "DATETIME", true, null, 0));
        assertThat(Schema.indexes(database, "mcp_session_leases")).containsExactly(
                new Index("ix_mcp_session_leases_holder", false, "c", List.of("holder")),
                new Index("sqlite_autoindex_mcp_session_leases_1", true, "pk", List.of("connection_id")));
        assertThat(Schema.columns(database, "mcp_connections")).containsExactlyElementsOf(plus(SEED_COLUMNS, VERSION));
        assertThat(Schema.indexes(database, "mcp_connections"))
                .containsExactlyInAnyOrderElementsOf(plus(SEED_INDEXES, UNIQUE_SERVER_NAME));
    }

    @Test
    void migratingAnUpToDateDatabaseAppliesNothing() {
        migrator.migrate();

        String head = SchemaMigrator.head();
        assertThat(migrator.migrate())
                .isEqualTo(new MigrationOutcome(Optional.of(head), Optional.of(head), List.of()));
    }

    @Test
    void v2RefusesDuplicateServerNamesAndListsThem() {
        migrator.migrateTo("1");
        insert("a-1", "ns-a", "server_x");
        insert("a-2", "ns-a", "server_x");
        insert("a-3", "ns-a", "other");
        insert("b-1", "ns-b", "y");
        insert("b-2", "ns-b", "y");
        insert("b-3", "ns-b", "y");
        insert("c-1", "ns-c", "server_x");

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessage("Migrating the SQLite database " + database.file() + " failed at"
                        + " V2 (add version and unique server name); it stays at version 1."
                        + " V2 cannot add the unique index ux_mcp_connections_namespace_server_name:"
                        + " duplicate server names per namespace: ns-a/server_x (2 rows), ns-b/y (3 rows)."
                        + " Rename or delete the duplicates, then run upgrade again.");

        assertThat(migrator.migrateTo("1").currentVersion()).contains("1");
        assertThat(Schema.columns(database, "mcp_connections")).containsExactlyElementsOf(SEED_COLUMNS);
        assertThat(Schema.indexes(database, "mcp_connections")).containsExactlyElementsOf(SEED_INDEXES);
        List<String> ids = database.read(dsl -> dsl.fetch("SELECT id FROM mcp_connections ORDER BY id")
                .getValues(0, String.class));
        assertThat(ids).containsExactly("a-1", "a-2", "a-3", "b-1", "b-2", "b-3", "c-1");
    }

    @Test
    void v2ListsTwentyDuplicatesAndCountsTheRest() {
        migrator.migrateTo("1");
        for (int i = 0; i < 25; i++) {
            String server = String.format("server_%02d", i);
            insert(server + "-1", "ns", server);
            insert(server + "-2", "ns", server);
        }

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("ns/server_00 (2 rows), ")
                .hasMessageContaining("ns/server_19 (2 rows), ... and 5 more.")
                .hasMessageNotContaining("server_20");
    }

    @Test
    void v2SucceedsAfterTheDuplicatesAreRenamed() {
        migrator.migrateTo("1");
        insert("a-1", "ns-a", "server_x");
        insert("a-2", "ns-a", "server_x");
        assertThatThrownBy(migrator::migrate).isInstanceOf(SchemaMigrationException.class);

        database.write(dsl -> dsl.execute("UPDATE mcp_connections SET server_name = 'server_x_2' WHERE id = 'a-2'"));

        assertThat(migrator.migrateTo("2").currentVersion()).contains("2");
    }

    @Test
    void theCompositeIndexServesTheSeedsOwnershipQuery() {
        String sql = "SELECT * FROM mcp_connections WHERE namespace = ? AND agent_id = ?";
        String plan = "SEARCH mcp_connections USING INDEX ix_mcp_connections_namespace_agent (namespace=? AND agent_id=?)";

        migrator.migrateTo("1");
        assertThat(Schema.queryPlan(database, sql, "ns", "agent")).containsExactly(plan);

        migrator.migrate();
        assertThat(Schema.queryPlan(database, sql, "ns", "agent")).containsExactly(plan);
    }

    /**
     * The seed expects {@code ix_mcp_connections_namespace} here. On the seed's own V1 schema
     * SQLite's planner does not pick it: every index whose first column is {@code namespace} costs
     * the same for this query and SQLite takes the last one created, the composite (with or without
     * ANALYZE; the same with SQLite 3.40 on the seed's own DDL). V2 re-creates the seed's index last,
     * so from V2 on the plan is the seed's, and rolling V2 back keeps it so.
     */
    @Test
    void theNamespaceQueryUsesTheSeedsNamedIndexFromV2On() {
        String sql = "SELECT * FROM mcp_connections WHERE namespace = ?";

        migrator.migrateTo("1");
        assertThat(Schema.queryPlan(database, sql, "ns"))
                .containsExactly("SEARCH mcp_connections USING INDEX ix_mcp_connections_namespace_agent (namespace=?)");

        migrator.migrateTo("2");
        assertThat(Schema.queryPlan(database, sql, "ns"))
                .containsExactly("SEARCH mcp_connections USING INDEX ix_mcp_connections_namespace (namespace=?)");

        Schema.runRollbackScript(database, "U2__add_version_and_unique_server_name.sql");
        assertThat(Schema.queryPlan(database, sql, "ns"))
                .containsExactly("SEARCH mcp_connections USING INDEX ix_mcp_connections_namespace (namespace=?)");
    }

    @Test
    void theSeedsNamedIndexIsUsedWhenTheQueryAsksForIt() {
        migrator.migrate();

        assertThat(Schema.queryPlan(database,
                "SELECT * FROM mcp_connections INDEXED BY ix_mcp_connections_namespace WHERE namespace = ?", "ns"))
                .containsExactly("SEARCH mcp_connections USING INDEX ix_mcp_connections_namespace (namespace=?)");
    }

    @Test
    void theRollbackScriptsUndoV4ThenV3ThenV2ThenV1() {
        migrator.migrateTo("4");
        insert("a-1", "ns-a", "server_x");

        Schema.runRollbackScript(database, "U4__bump_version_on_every_update.sql");

        int triggers = database.read(dsl -> dsl.fetchSingle("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
                .get(0, Integer.class));
        assertThat(triggers).isZero();

        Schema.runRollbackScript(database, "U3__add_session_leases.sql");

        assertThat(Schema.tables(database)).containsExactly("flyway_schema_history", "mcp_connections");
        assertThat(Schema.indexNames(database)).noneMatch(name -> name.contains("mcp_session_leases"));
        assertThat(Schema.columns(database, "mcp_connections")).containsExactlyElementsOf(plus(SEED_COLUMNS, VERSION));
        assertThat(Schema.indexes(database, "mcp_connections"))
                .containsExactlyInAnyOrderElementsOf(plus(SEED_INDEXES, UNIQUE_SERVER_NAME));

        Schema.runRollbackScript(database, "U2__add_version_and_unique_server_name.sql");

        assertThat(Schema.columns(database, "mcp_connections")).containsExactlyElementsOf(SEED_COLUMNS);
        assertThat(Schema.indexes(database, "mcp_connections")).containsExactlyElementsOf(SEED_INDEXES);
        int rows = database.read(dsl -> dsl.fetchSingle("SELECT count(*) FROM mcp_connections").get(0, Integer.class));
        assertThat(rows).isOne();

        Schema.runRollbackScript(database, "U1__create_mcp_connections.sql");

        assertThat(Schema.tables(database)).containsExactly("flyway_schema_history");
        assertThat(Schema.indexNames(database)).noneMatch(name -> name.contains("mcp_connections"));
    }

    private void insert(String id, String namespace, String serverName) {
        database.write(dsl -> dsl.execute("INSERT INTO mcp_connections (id, server_name, namespace, agent_id,"
                + " config_json) VALUES (?, ?, ?, 'agent', '{}')", id, serverName, namespace));
    }

    private static <T> List<T> plus(List<T> list, T element) {
        return Stream.concat(list.stream(), Stream.of(element)).toList();
    }
}
