package io.mcpconn.infrastructure.postgres.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Status;
import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.connection.PostgresMcpConnectionRepository;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.testkit.fixtures.McpConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** current, history, upgrade, downgrade, stamp, backup, restore and verify on a real PostgreSQL server. */
class PostgresMigrationOperationsTest {

    @TempDir
    Path directory;

    @Test
    void current_history_and_verify_at_head() {
        try (var database = PostgresTestDatabases.migrated("ops_head")) {
            var migrator = new PostgresSchemaMigrator(database);
            var status = migrator.current();
            assertThat(status.current()).contains("6");
            assertThat(status.atHead()).isTrue();
            assertThat(status.database()).matches("postgresql://127\\.0\\.0\\.1:\\d+/ops_head_\\d+");
            assertThat(migrator.history()).extracting(HistoryEntry::version).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(migrator.history()).allSatisfy(entry -> {
                assertThat(entry.state()).isEqualTo(HistoryEntry.State.APPLIED);
                assertThat(entry.checksum()).isEqualTo(HistoryEntry.Checksum.MATCHES);
                assertThat(entry.appliedAt()).isPresent();
            });

            var report = migrator.verify();
            assertThat(report.failures()).isEmpty();
            assertThat(report.checks()).extracting(check -> check.name()).containsExactly("postgresql", "table",
                    "columns", "indexes", "namespace query", "namespace+agent query", "page queries", "session leases",
                    "version trigger", "history");
        }
    }

    @Test
    void verify_names_what_is_not_as_the_migrations_made_it() {
        try (var database = PostgresTestDatabases.migrated("ops_broken")) {
            execute(database, "DROP INDEX ix_mcp_connections_namespace_created");
            execute(database, "DROP TRIGGER tr_mcp_connections_version_bump ON mcp_connections");
            execute(database, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

            var report = new PostgresSchemaMigrator(database).verify();

            assertThat(report.passed()).isFalse();
            assertThat(report.failures()).extracting(check -> check.name())
                    .containsExactly("indexes", "page queries", "version trigger", "history");
            assertThat(report.failures().get(0).detail()).contains("ix_mcp_connections_namespace_created is missing");
            assertThat(report.failures().get(3).detail()).contains("version(s) 3 were changed");
        }
    }

    @Test
    void upgrade_backs_up_first_and_a_restore_brings_the_rows_back() throws Exception {
        try (var database = PostgresDatabase.open(PostgresTestDatabases.freshDatabase("ops_backup"))) {
            var migrator = new PostgresSchemaMigrator(database, Clock.systemUTC(), directory);
            migrator.migrate();
            var repository = new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed());
            var connection = McpConnections.disconnected("github", Clock.systemUTC());
            repository.save(connection);
            migrator.downgradeTo("5");

            var upgraded = migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent());
            assertThat(upgraded.from()).contains("5");
            assertThat(upgraded.to()).contains("6");
            assertThat(upgraded.applied()).containsExactly("6");
            assertThat(upgraded.backup()).isPresent();
            Files.delete(upgraded.backup().get().file());

            var backup = migrator.backup(Optional.of(directory.resolve("before.dump")), MigrationProgress.silent());
            assertThat(backup.bytes()).isPositive();
            execute(database, "DELETE FROM mcp_connections");
            migrator.downgradeTo("3");

            var restored = migrator.restore(backup.file(), MigrationProgress.silent());

            assertThat(restored.previous()).contains("3");
            assertThat(restored.version()).contains("6");
            Files.delete(restored.replaced().file());
            assertThat(new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed())
                    .findByServerName(connection.namespace(), ServerName.of("github"))).isPresent();
            assertThat(migrator.verify().failures()).isEmpty();
        }
    }

    @Test
    void downgrade_below_v1_keeps_the_connections_unless_asked_to_discard_them() {
        try (var database = PostgresTestDatabases.migrated("ops_down")) {
            var migrator = new PostgresSchemaMigrator(database);
            new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed())
                    .save(McpConnections.disconnected("github", Clock.systemUTC()));

            var oneStep = migrator.downgrade(new DowngradeRequest(Optional.empty(), false, false), MigrationProgress.silent());
            assertThat(oneStep.undone()).containsExactly("6");
            assertThat(oneStep.to()).contains("5");

            assertThatThrownBy(() -> migrator.downgrade(new DowngradeRequest(Optional.of("base"), false, false),
                    MigrationProgress.silent())).isInstanceOfSatisfying(PostgresMigrationRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(PostgresMigrationRefusedException.Reason.WOULD_DROP_CONNECTIONS);
                        assertThat(e.connections()).isEqualTo(1);
                    });
            assertThat(migrator.current().current()).contains("5");

            var all = migrator.downgrade(new DowngradeRequest(Optional.of("base"), false, true), MigrationProgress.silent());
            assertThat(all.undone()).containsExactly("5", "4", "3", "2", "1");
            assertThat(migrator.current().current()).isEmpty();
            assertThatThrownBy(() -> migrator.upgrade(new UpgradeRequest(Optional.of("9"), false),
                    MigrationProgress.silent())).hasMessageContaining("ships versions 1, 2, 3, 4, 5, 6");
        }
    }

    @Test
    void stamp_records_a_schema_made_elsewhere_and_forgets_newer_versions() {
        try (var database = PostgresTestDatabases.migrated("ops_stamp")) {
            var migrator = new PostgresSchemaMigrator(database);
            var back = migrator.stamp("3");
            assertThat(back.forgotten()).containsExactly("4", "5", "6");
            assertThat(migrator.current().current()).contains("3");

            // V4 and V5's objects are still there: upgrading again would fail on them, so stamp forward.
            var forward = migrator.stamp("6");
            assertThat(forward.recorded()).containsExactly("4", "5", "6");
            assertThat(migrator.verify().failures()).isEmpty();
        }
    }

    @Test
    void a_table_made_by_another_tool_is_stamped_not_upgraded_over() {
        try (var database = PostgresDatabase.open(PostgresTestDatabases.freshDatabase("ops_foreign"))) {
            var migrator = new PostgresSchemaMigrator(database);
            migrator.migrateTo("1");
            execute(database, "DROP TABLE flyway_schema_history");
            assertThat(migrator.current().unmanaged()).isPresent();
            assertThatThrownBy(() -> migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent()))
                    .isInstanceOfSatisfying(PostgresMigrationRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(PostgresMigrationRefusedException.Reason.UNMANAGED_TABLE));

            assertThat(migrator.stamp("1").recorded()).containsExactly("1");
            assertThat(migrator.upgrade(new UpgradeRequest(Optional.empty(), false), MigrationProgress.silent()).applied())
                    .containsExactly("2", "3", "4", "5", "6");
            assertThat(migrator.verify().failures()).isEmpty();
        }
    }

    private static void execute(PostgresDatabase database, String sql) {
        database.update(statements -> {
            try (var statement = statements.connection().createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }
}
