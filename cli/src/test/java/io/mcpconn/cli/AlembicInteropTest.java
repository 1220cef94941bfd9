package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.testkit.alembic.Alembic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python service and mcpconn on one database file, with the real tools on the Python side:
 * Alembic 1.8 runs the seed's revision {@value Alembic#SEED_REVISION} and its downgrade, SQLAlchemy
 * 1.4 inserts and updates rows as the service does, mcpconn's command line adopts, upgrades, reads,
 * reports drift and heals it.
 */
class AlembicInteropTest {

    private static final String HEAD = io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator.head();

    /** The seed's "Insert Test Record" snippet, with the id, server name and namespace as parameters. */
    private static final String SEED_INSERT = """
            with engine.connect() as conn:
                conn.execute(text(\"\"\"
                    INSERT INTO mcp_connections (
                        id, server_name, namespace, agent_id, status,
                        config_json, tools_json, created_at
                    ) VALUES (
                        :id, :server, :namespace, 'test-agent', 'disconnected',
                        '{"server_name": "test_server", "url": "http://localhost:8080", "timeout": 30, "retry_attempts": 3, "auth_required": false, "api_key": null}',
                        '[]',
                        :created_at
                    )
                \"\"\"), {"id": "%s", "server": "%s", "namespace": "%s", "created_at": datetime.utcnow()})
                conn.commit()
            print("Test record inserted successfully")
            """;

    @TempDir
    Path directory;

    private Path database;
    private Alembic alembic;
    private Cli cli;

    @BeforeEach
    void setUp() {
        database = directory.resolve("data/tmws.db");
        alembic = Alembic.on(database, directory);
        cli = new Cli(directory).env("MCPCONN_NAMESPACE", "test-namespace").env("MCPCONN_AGENT", "test-agent");
    }

    private Cli.Result mcpconn(String... args) {
        return cli.run(args);
    }

    private void pythonInserts(String id, String server) {
        assertThat(alembic.python(SEED_INSERT.formatted(id, server, "test-namespace")))
                .contains("Test record inserted successfully");
    }

    @Test
    void anAlembicMadeDatabaseWithTheSeedsRowIsAdoptedUpgradedAndRead() {
        alembic.upgrade("head");
        pythonInserts("test-uuid-123", "test_server");

        Cli.Result upgrade = mcpconn("db", "upgrade");
        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).contains("Alembic revision " + Alembic.SEED_REVISION)
                .contains("recorded V1 as applied (baseline at 1)").contains("upgraded 1 -> " + HEAD);
        Cli.Result verify = mcpconn("db", "verify");
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out()).doesNotContain("FAILED");

        // The Python service goes on inserting after V2 added columns it does not know.
        pythonInserts("test-uuid-456", "second_server");
        Cli.Result list = mcpconn("connections", "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("test_server").contains("second_server");
        assertThat(alembic.current()).isEqualTo(Alembic.SEED_REVISION + " (head)");
    }

    @Test
    void pythonWritesAfterTheUpgradeAreReadAndACopyLoadedBeforeThemIsRefused() {
        alembic.upgrade("head");
        pythonInserts("test-uuid-123", "test_server");
        assertThat(mcpconn("db", "upgrade").code()).isZero();
        pythonInserts("test-uuid-456", "after_upgrade");

        try (SqliteDatabase opened = SqliteDatabase.open(database)) {
            SqliteMcpConnectionRepository repository = new SqliteMcpConnectionRepository(opened);
            Namespace namespace = Namespace.of("test-namespace");
            McpConnection inserted = repository.findById(namespace, ConnectionId.of("test-uuid-456")).orElseThrow();
            assertThat(inserted.serverName().value()).isEqualTo("after_upgrade");
            McpConnection stale = repository.findById(namespace, ConnectionId.of("test-uuid-123")).orElseThrow();

            // An update as the service makes it, without the version column.
            alembic.python("""
                    with engine.connect() as conn:
                        conn.execute(text("UPDATE mcp_connections SET status = 'error', error_message = 'from python',"
                                          " error_at = :now WHERE id = 'test-uuid-123'"), {"now": datetime.utcnow()})
                        conn.commit()
                    """);

            stale.startConnecting(Instant.parse("2026-01-01T00:00:00Z"));
            assertThatThrownBy(() -> repository.save(stale)).isInstanceOf(ConcurrentUpdateException.class);
            McpConnection now = repository.findById(namespace, ConnectionId.of("test-uuid-123")).orElseThrow();
            assertThat(now.status()).isEqualTo(ConnectionStatus.ERROR);
            assertThat(now.lastError().orElseThrow().message()).isEqualTo("from python");
            assertThat(now.version()).isGreaterThan(stale.version());
        }
    }

    @Test
    void theSeedsRollbackAndReapplyAfterTheUpgradeIsReportedAsDriftAndHealed() throws Exception {
        alembic.upgrade("head");
        assertThat(mcpconn("db", "upgrade").code()).isZero();
        pythonInserts("test-uuid-123", "before_rollback");

        // The seed's rollback procedure, step 2: the table goes, with its rows.
        assertThat(alembic.downgrade("-1")).contains("Running downgrade " + Alembic.SEED_REVISION);
        Cli.Result dropped = mcpconn("db", "current");
        assertThat(dropped.out()).doesNotContain("up to date").contains("mcp_connections does not exist although"
                + " version " + HEAD + " is recorded").contains("alembic downgrade").contains("missing table mcp_connections");
        Cli.Result refused = mcpconn("connections", "list");
        assertThat(refused.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("was not migrated on start").contains("missing table mcp_connections")
                .contains("heal it with mcpconn db upgrade: it backs the database up").doesNotContain("no such table");

        // Step 4, "re-apply if needed": V1's shape again, and the service writes into it.
        alembic.upgrade("head");
        pythonInserts("test-uuid-456", "after_reapply");
        Cli.Result recreated = mcpconn("db", "current");
        assertThat(recreated.out()).doesNotContain("up to date").contains("has V1's shape although version " + HEAD
                + " is recorded").contains("alembic downgrade -1, then alembic upgrade head")
                .contains("mcp_connections: missing column version INTEGER NOT NULL DEFAULT 0")
                .contains("missing trigger tr_mcp_connections_version_bump");
        // The README shows this very output: each of its lines but the database's path.
        String readme = Files.readString(Path.of("..", "README.md"));
        recreated.out().lines().filter(line -> !line.startsWith("database ")).forEach(line -> assertThat(readme)
                .as("README.md's drift example").contains(line + "\n"));
        Cli.Result notHealed = mcpconn("db", "upgrade", "--no-backup");
        assertThat(notHealed.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(notHealed.err()).contains("without --no-backup");
        Cli.Result plainFailure = mcpconn("db", "verify");
        assertThat(plainFailure.code()).isNotZero();
        assertThat(plainFailure.out()).contains("drift").contains("has V1's shape");

        Cli.Result healed = mcpconn("db", "upgrade");
        assertThat(healed.code()).as(healed.toString()).isZero();
        assertThat(healed.out()).contains("backing up").contains("healed drift at " + HEAD)
                .contains("re-applied 2, 4, 5").contains("at " + HEAD);
        Cli.Result verify = mcpconn("db", "verify");
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(mcpconn("db", "current").out()).contains("up to date").doesNotContain("drift");
        assertThat(mcpconn("db", "history").out()).containsPattern("(?m)^2 .*reapplied").containsPattern("(?m)^3 .* applied");

        // The rows the re-created table kept are read; those of the dropped one are gone with it.
        Cli.Result list = mcpconn("connections", "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("after_reapply").doesNotContain("before_rollback");

        // The down scripts still fit what the heal made.
        Cli.Result down = mcpconn("db", "downgrade", "--target", "1");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(mcpconn("db", "upgrade").code()).isZero();
        assertThat(mcpconn("db", "verify").code()).isZero();
    }

    @Test
    void mcpconnsDowngradeToBaseSaysWhatAlembicStillBelievesAndHowToPutItRight() {
        alembic.upgrade("head");
        pythonInserts("test-uuid-123", "test_server");
        assertThat(mcpconn("db", "upgrade").code()).isZero();

        Cli.Result down = mcpconn("db", "downgrade", "--target", "base");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(down.out()).contains("alembic_version still records " + Alembic.SEED_REVISION)
                .contains("alembic stamp <parent>").contains("alembic show " + Alembic.SEED_REVISION);
        assertThat(alembic.current()).isEqualTo(Alembic.SEED_REVISION + " (head)");
        assertThat(mcpconn("db", "current").out()).contains("alembic_version still records");

        // What the note says to run, on the Python side: the parent is what alembic show names.
        assertThat(alembic.show(Alembic.SEED_REVISION)).contains("Parent: " + Alembic.PARENT_REVISION);
        alembic.stamp(Alembic.PARENT_REVISION);
        assertThat(alembic.upgrade("head")).contains("Running upgrade " + Alembic.PARENT_REVISION + " -> "
                + Alembic.SEED_REVISION);

        // mcpconn then finds V1's table without an applied version, and takes it as V1.
        Cli.Result upgrade = mcpconn("db", "upgrade");
        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).contains("recorded V1 as applied");
        assertThat(mcpconn("db", "verify").code()).isZero();
    }
}
