package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeResult;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeResult;
import io.mcpconn.infrastructure.jdbc.migration.StampResult;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's troubleshooting 1: the table exists but no migration history does. Upgrade never
 * fails with "table already exists": it baselines a table that is exactly V1's, and refuses
 * anything else with the differences and the stamp to run.
 */
class ExistingTableTest {

    @TempDir
    Path directory;

    @Test
    void thePythonServicesTableIsBaselinedAtV1AndUpgradedWithItsRowsAndOtherTablesKept() throws Exception {
        Path file = directory.resolve("tmws.db");
        LegacyDatabases.pythonService(file);

        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            assertThat(migrator.current().unmanaged()).hasValueSatisfying(note -> assertThat(note)
                    .contains("Alembic revision ff4b1a18d2f0 (the seed's migration)")
                    .contains("it matches V1, so mcpconn db upgrade records V1 as applied"));
            RecordingProgress progress = new RecordingProgress();

            UpgradeResult result = migrator.upgrade(UpgradeRequest.toHead(), progress);

            assertThat(result.notes()).containsExactly("mcp_connections already existed without migration history"
                    + " (Alembic revision ff4b1a18d2f0 (the seed's migration) recorded by the Python service) and"
                    + " matches V1 exactly: recorded V1 as applied (baseline at 1) instead of creating it");
            assertThat(result.from()).contains("1");
            assertThat(result.applied()).containsExactly("2", "3", "4", "5", "6");
            assertThat(result.to()).contains(SchemaMigrator.head());
            assertThat(result.backup()).isPresent();
            assertThat(progress.lines).element(1).isEqualTo("recording baseline at 1: done");
            assertThat(Schema.tables(database)).contains("alembic_version", "memories", "mcp_connections");
            assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM mcp_connections WHERE version = 0")).isOne();
            assertThat(migrator.history()).extracting(HistoryEntry::version, HistoryEntry::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("1", HistoryEntry.State.BASELINE),
                    org.assertj.core.groups.Tuple.tuple("2", HistoryEntry.State.APPLIED),
                    org.assertj.core.groups.Tuple.tuple("3", HistoryEntry.State.APPLIED),
                    org.assertj.core.groups.Tuple.tuple("4", HistoryEntry.State.APPLIED),
                    org.assertj.core.groups.Tuple.tuple("5", HistoryEntry.State.APPLIED),
                    org.assertj.core.groups.Tuple.tuple("6", HistoryEntry.State.APPLIED));
            assertThat(migrator.verify().passed()).isTrue();
        }
    }

    @Test
    void aHandMadeTableIsRefusedWithItsDifferencesAndTheStampToRun() throws Exception {
        Path file = directory.resolve("tmws.db");
        LegacyDatabases.handMade(file);

        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database);

            assertThatThrownBy(() -> migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent()))
                    .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.UNMANAGED_SCHEMA);
                        assertThat(e.getMessage())
                                .startsWith("The SQLite database " + database.file() + " has an mcp_connections"
                                        + " table but no migration history (no Alembic revision recorded, so it was"
                                        + " made by hand or by another tool), and the table is not the one V1"
                                        + " creates: ")
                                .contains("missing column status VARCHAR(50) NOT NULL DEFAULT 'disconnected'")
                                .contains("unexpected column owner TEXT")
                                .contains("missing index ix_mcp_connections_namespace_agent (namespace, agent_id)")
                                .doesNotContain("already exists");
                        assertThat(e.fix()).contains("SchemaMigrator.stamp(version)").contains("RENAME TO");
                        assertThat(e.details().version()).isEmpty();
                    });
            assertThat(Schema.tables(database)).containsExactly("mcp_connections");
            assertThat(directory.toFile().list()).noneMatch(name -> name.contains(".backup-"));

            // The way out the message offers: the operator decides the table is V1's after all.
            StampResult stamp = migrator.stamp("ff4b1a18d2f0");
            assertThat(stamp.to()).contains("1");
            assertThat(migrator.current().current()).contains("1");
            assertThat(migrator.verify().failures()).extracting(VerificationReport.Check::name)
                    .contains("columns", "indexes");
        }
    }

    @Test
    void aDatabaseWithOnlyOtherTablesIsBaselinedAtZeroAndTheirDataIsLeftAlone() throws Exception {
        Path file = directory.resolve("tmws.db");
        LegacyDatabases.execute(file, "CREATE TABLE memories (id TEXT PRIMARY KEY)", "INSERT INTO memories VALUES ('m')");

        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database);

            UpgradeResult result = migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent());

            assertThat(result.notes()).containsExactly("the database already holds other tables (memories); mcpconn"
                    + " manages only mcp_connections and left them as they are (baseline at 0)");
            assertThat(result.from()).isEmpty();
            assertThat(result.applied()).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM memories")).isOne();
            assertThat(migrator.history()).extracting(HistoryEntry::version).containsExactly("0", "1", "2", "3", "4", "5", "6");

            DowngradeResult down = migrator.downgrade(DowngradeRequest.to("base"), MigrationProgress.silent());
            assertThat(down.undone()).containsExactly("6", "5", "4", "3", "2", "1");
            assertThat(migrator.current().current()).isEmpty();
            assertThat(Schema.tables(database)).containsExactly("flyway_schema_history", "memories", "sqlite_sequence");
            assertThat(migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent()).applied())
                    .containsExactly("1", "2", "3", "4", "5", "6");
        }
    }

    /** V2 and V3 leave mcp_connections alike: the lease table decides which version to stamp. */
    @Test
    void aTableWithoutHistoryIsMatchedToTheVersionWhoseTablesItHas() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrateTo("2");
            LegacyDatabases.execute(file, "DROP TABLE flyway_schema_history");

            assertThat(refusedFix(migrator)).isEqualTo("the table matches V2: record that with SchemaMigrator.stamp(\"2\")");

            migrator.stamp("2");
            migrator.migrateTo("3");
            LegacyDatabases.execute(file, "DROP TABLE flyway_schema_history");

            assertThat(refusedFix(migrator)).isEqualTo("the table matches V3: record that with SchemaMigrator.stamp(\"3\")");

            migrator.stamp("3");
            migrator.migrate();
            LegacyDatabases.execute(file, "DROP TABLE flyway_schema_history");

            assertThat(refusedFix(migrator)).isEqualTo("the table matches V5: record that with SchemaMigrator.stamp(\"5\")");
        }
    }

    @Test
    void theSeedsTableDefinitionIsExactlyV1s() throws Exception {
        Path python = directory.resolve("python.db");
        LegacyDatabases.execute(python, LegacyDatabases.SEED_TABLE_DDL,
                "CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace)",
                "CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id)");
        try (SqliteDatabase database = SqliteDatabase.open(python)) {
            TableShape shape = database.read(dsl -> dsl.connectionResult(c -> TableShape.read(c, "mcp_connections")))
                    .orElseThrow();
            assertThat(shape.differencesFrom(ExpectedSchema.at("1").orElseThrow())).isEqualTo(List.of());
        }
    }

    private static String refusedFix(SchemaMigrator migrator) {
        try {
            migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent());
        } catch (MigrationRefusedException e) {
            assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.UNMANAGED_SCHEMA);
            return e.fix();
        }
        throw new AssertionError("the upgrade was not refused");
    }
}
