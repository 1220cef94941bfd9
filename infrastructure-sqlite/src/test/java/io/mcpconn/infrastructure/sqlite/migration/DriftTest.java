package io.mcpconn.infrastructure.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift;
import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift.Cause;
import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeResult;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Drift: the tables are not what the recorded version makes. Another tool's steps are imitated
 * here with plain SQL, one per kind of drift; {@code AlembicInteropTest} (cli) runs the real
 * Alembic. Each heal must leave the database passing verify, and each refusal must leave it as it was.
 */
class DriftTest extends OnTemporaryDatabase {

    private static final String HEAD = SchemaMigrator.head();
    private static final UpgradeRequest WITH_BACKUP = new UpgradeRequest(Optional.empty(), true);

    private UpgradeResult heal() {
        return migrator.upgrade(WITH_BACKUP, new RecordingProgress());
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("tmws.db.backup-")).toList();
        }
    }

    private SchemaDrift drift() {
        SchemaStatus status = migrator.current();
        assertThat(status.atHead()).as("a drifted database is never at head").isFalse();
        assertThat(SchemaMigrator.drift(database)).isEqualTo(status.drift());
        return status.drift().orElseThrow();
    }

    @Test
    void aDatabaseAsItsHistorySaysHasNoDrift() {
        migrator.migrate();

        assertThat(migrator.current().drift()).isEmpty();
        assertThat(migrator.current().atHead()).isTrue();
        assertThat(SchemaMigrator.drift(database)).isEmpty();
    }

    @Test
    void aDroppedTableIsNamedWithAlembicsDowngradeAndHealedFromV1() throws Exception {
        LegacyDatabases.pythonService(file);
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP TABLE mcp_connections", "UPDATE alembic_version SET version_num = 'prior'");

        SchemaDrift drift = drift();
        assertThat(drift.cause()).isEqualTo(Cause.TABLE_DROPPED);
        assertThat(drift.recorded()).isEqualTo(HEAD);
        assertThat(drift.differences()).containsExactly("missing table mcp_connections",
                "missing trigger tr_mcp_connections_version_bump");
        assertThat(drift.explanation()).isEqualTo("mcp_connections does not exist although version " + HEAD
                + " is recorded: it was dropped outside mcpconn's migrations, as the seed's rollback does: Alembic"
                + " records revision prior instead of ff4b1a18d2f0, so alembic downgrade ran that revision's"
                + " downgrade, which drops the table and its rows");

        UpgradeResult healed = heal();

        assertThat(healed.healed()).contains(drift);
        assertThat(healed.reapplied()).containsExactly("1", "2", "4", "5");
        assertThat(healed.backup()).isPresent();
        assertThat(healed.to()).contains(HEAD);
        assertThat(migrator.verify().passed()).isTrue();
        assertThat(migrator.current().atHead()).isTrue();
    }

    @Test
    void aTableRecreatedInV1sShapeIsHealedKeepingItsRowsAndTheHistorySaysWhatRanAgain() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP TABLE mcp_connections", LegacyDatabases.SEED_TABLE_DDL,
                "CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace)",
                "CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id)",
                "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json)"
                        + " VALUES ('kept', 'srv', 'ns', 'agent', '{}')");

        SchemaDrift drift = drift();
        assertThat(drift.cause()).isEqualTo(Cause.TABLE_RECREATED);
        assertThat(drift.differences()).contains("mcp_connections: missing column version INTEGER NOT NULL DEFAULT 0",
                "missing trigger tr_mcp_connections_version_bump");

        UpgradeResult healed = heal();

        assertThat(healed.reapplied()).containsExactly("2", "4", "5");
        assertThat(healed.applied()).isEmpty();
        assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM mcp_connections WHERE id = 'kept'")).isEqualTo(1);
        assertThat(migrator.verify().passed()).isTrue();
        assertThat(migrator.history()).filteredOn(entry -> entry.state() == HistoryEntry.State.REAPPLIED)
                .extracting(HistoryEntry::version).containsExactly("2", "4", "5");
        // What the heal made is what the down scripts undo.
        migrator.downgrade(DowngradeRequest.to("1"), new RecordingProgress());
        migrator.migrate();
        assertThat(migrator.verify().passed()).isTrue();
    }

    @Test
    void aDroppedTableOfALaterMigrationIsHealedAloneAndTheRestIsLeft() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "INSERT INTO mcp_connection_events (event_id, connection_id, namespace,"
                + " event_type, payload_json, occurred_at) VALUES ('e', 'c', 'ns', 'registered', '{}', '2026-01-01')",
                "DROP TABLE mcp_session_leases");

        SchemaDrift drift = drift();
        assertThat(drift.cause()).isEqualTo(Cause.OBJECTS_DROPPED);
        assertThat(drift.differences()).containsExactly("missing table mcp_session_leases");

        assertThat(heal().reapplied()).containsExactly("3");
        assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM mcp_connection_events")).isEqualTo(1);
        assertThat(migrator.verify().passed()).isTrue();
    }

    @Test
    void withoutABackupAnUpgradeOrAStartUpNamesTheDriftAndChangesNothing() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP TRIGGER tr_mcp_connections_version_bump");

        assertThatThrownBy(() -> migrator.upgrade(new UpgradeRequest(Optional.empty(), false), new RecordingProgress()))
                .isInstanceOfSatisfying(MigrationRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.SCHEMA_DRIFT))
                .hasMessageContaining("without a backup").hasMessageContaining("missing trigger");
        assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("was not migrated on start");
        assertThatThrownBy(() -> migrator.downgrade(DowngradeRequest.to("1"), new RecordingProgress()))
                .isInstanceOfSatisfying(MigrationRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.SCHEMA_DRIFT));
        assertThat(drift().differences()).containsExactly("missing trigger tr_mcp_connections_version_bump");
        assertThat(backups()).isEmpty();
    }

    @Test
    void aMigrationHalfThereIsRefusedListingItAndNothingIsChanged() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP INDEX ux_mcp_connections_namespace_server_name");
        String before = LegacyDatabases.schemaText(file);

        assertThatThrownBy(this::heal).isInstanceOfSatisfying(MigrationRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.UNHEALABLE_DRIFT))
                .hasMessageContaining("V2 (add version and unique server name) is only partly there")
                .hasMessageContaining("nothing was changed");

        assertThat(LegacyDatabases.schemaText(file)).isEqualTo(before);
        assertThat(backups()).isEmpty();
    }

    @Test
    void somethingNoMigrationMakesIsRefusedWithTheDifference() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "ALTER TABLE mcp_connections ADD COLUMN python_only TEXT");

        SchemaDrift drift = drift();
        assertThat(drift.cause()).isEqualTo(Cause.ALTERED);
        assertThatThrownBy(this::heal).isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("unexpected column python_only TEXT");
    }

    @Test
    void whatIsLeftDifferentAfterTheReRunsRollsTheHealBack() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP TABLE mcp_connections", LegacyDatabases.SEED_TABLE_DDL,
                "CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace)",
                "CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id)",
                "ALTER TABLE mcp_connections ADD COLUMN python_only TEXT");
        String before = LegacyDatabases.schemaText(file);

        assertThatThrownBy(this::heal).isInstanceOfSatisfying(MigrationRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.UNHEALABLE_DRIFT))
                .hasMessageContaining("would still leave mcp_connections: unexpected column python_only TEXT");

        assertThat(LegacyDatabases.schemaText(file)).isEqualTo(before);
    }

    @Test
    void aReappliedMigrationThatFailsRollsTheWholeHealBackWithTheDatabasesWords() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP TABLE mcp_connections", LegacyDatabases.SEED_TABLE_DDL,
                "CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace)",
                "CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id)",
                "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json)"
                        + " VALUES ('a', 'twice', 'ns', 'agent', '{}'), ('b', 'twice', 'ns', 'agent', '{}')");
        String before = LegacyDatabases.schemaText(file);
        RecordingProgress progress = new RecordingProgress();

        assertThatThrownBy(() -> migrator.upgrade(WITH_BACKUP, progress))
                .hasMessageContaining("duplicate server names per namespace: ns/twice (2 rows)");

        assertThat(LegacyDatabases.schemaText(file)).isEqualTo(before);
        assertThat(progress.lines).last().asString().contains("failed, all rolled back");
        assertThat(migrator.history()).noneMatch(entry -> entry.state() == HistoryEntry.State.REAPPLIED);
    }

    @Test
    void aTableBackAfterADowngradeToBaseIsRecordedAsV1AndAlembicsViewIsExplained() throws Exception {
        LegacyDatabases.pythonService(file);
        migrator.migrate();
        List<String> notes = migrator.downgrade(DowngradeRequest.to(SchemaMigrator.BASE), new RecordingProgress())
                .notes();
        assertThat(notes).singleElement().asString().contains("alembic_version still records ff4b1a18d2f0")
                .contains("alembic stamp <parent>");
        assertThat(migrator.current().unmanaged()).contains(notes.get(0));

        LegacyDatabases.execute(file, LegacyDatabases.SEED_TABLE_DDL,
                "CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace)",
                "CREATE INDEX ix_mcp_connections_namespace_agent ON mcp_connections (namespace, agent_id)");
        assertThat(migrator.current().unmanaged()).hasValueSatisfying(note -> assertThat(note)
                .contains("it matches V1, so an upgrade records V1 as applied"));

        UpgradeResult upgraded = heal();
        assertThat(upgraded.notes()).anyMatch(note -> note.contains("recorded V1 as applied"));
        assertThat(upgraded.applied()).doesNotContain("1").contains(HEAD);
        assertThat(migrator.verify().passed()).isTrue();
    }
}
