package io.mcpconn.infrastructure.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DowngradeTest extends OnTemporaryDatabase {

    @BeforeEach
    void migrateToHead() {
        migrator.migrate();
    }

    @Test
    void oneStepUndoesTheLastMigrationAfterABackupAndForgetsIt() throws Exception {
        insert("a-1");
        RecordingProgress progress = new RecordingProgress();

        DowngradeResult result = migrator.downgrade(DowngradeRequest.oneStep(), progress);

        assertThat(result.from()).contains("2");
        assertThat(result.to()).contains("1");
        assertThat(result.undone()).containsExactly("2");
        assertThat(result.backup()).isPresent();
        assertThat(progress.lines).hasSize(2);
        assertThat(progress.lines.get(1)).startsWith("undoing V2 add version and unique server name: done");
        assertThat(migrator.current().current()).contains("1");
        assertThat(migrator.current().pending()).containsExactly("2");
        assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM flyway_schema_history WHERE version = '2'")).isZero();
        assertThat(migrator.verify().passed()).isTrue();
        assertThat(LegacyDatabases.count(result.backup().orElseThrow().file(),
                "SELECT count(*) FROM mcp_connections WHERE version = 0")).isOne();
    }

    @Test
    void toBaseUndoesEverythingNewestFirstAndTheRowsAreInTheBackup() throws Exception {
        insert("a-1");

        DowngradeResult result = migrator.downgrade(DowngradeRequest.to("base"), MigrationProgress.silent());

        assertThat(result.undone()).containsExactly("2", "1");
        assertThat(result.to()).isEmpty();
        assertThat(Schema.tables(database)).containsExactly("flyway_schema_history");
        assertThat(LegacyDatabases.count(result.backup().orElseThrow().file(), "SELECT count(*) FROM mcp_connections"))
                .isOne();
        assertThat(migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent()).applied())
                .containsExactly("1", "2");
    }

    @Test
    void droppingRowsWithoutABackupIsRefusedUnlessDiscardingIsAsked() throws Exception {
        insert("a-1");

        assertThatThrownBy(() -> migrator.downgrade(new DowngradeRequest(Optional.of("base"), false, false),
                MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.UNBACKED_DATA_LOSS);
                    assertThat(e).hasMessage("Refusing to downgrade the SQLite database " + database.file()
                            + " below V1 without a backup: undoing V1 drops mcp_connections and its 1 row(s). Fix:"
                            + " leave out --no-backup so that a backup is taken first, or add --discard-data to"
                            + " drop them for good");
                });
        assertThat(migrator.current().current()).contains("2");

        DowngradeResult result = migrator.downgrade(new DowngradeRequest(Optional.of("base"), false, true),
                MigrationProgress.silent());
        assertThat(result.undone()).containsExactly("2", "1");
        assertThat(result.backup()).isEmpty();
    }

    @Test
    void anEmptyTableMayBeDroppedWithoutABackup() {
        DowngradeResult result = migrator.downgrade(new DowngradeRequest(Optional.of("0"), false, false),
                MigrationProgress.silent());

        assertThat(result.undone()).containsExactly("2", "1");
    }

    @Test
    void aMissingDownScriptIsRefusedBeforeAnythingChanges() throws Exception {
        SchemaMigrator withoutU2 = new SchemaMigrator(database, Clock.systemDefaultZone(), SqliteCapabilities::probe,
                name -> name.startsWith("U2") ? Optional.empty()
                        : Optional.of("DROP TABLE mcp_connections"));

        assertThatThrownBy(() -> withoutU2.downgrade(DowngradeRequest.to("base"), MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.MISSING_DOWN_SCRIPT);
                    assertThat(e.getMessage()).contains("no down script for V2"
                            + " (db/rollback/U2__add_version_and_unique_server_name.sql); nothing was changed");
                });
        assertThat(migrator.current().current()).contains("2");
        assertThat(directory.toFile().list()).noneMatch(name -> name.contains(".backup-"));
    }

    @Test
    void aFailingDownScriptRollsBackTheWholeDowngrade() {
        SchemaMigrator broken = new SchemaMigrator(database, Clock.systemDefaultZone(), SqliteCapabilities::probe,
                name -> Optional.of(name.startsWith("U2") ? "DROP INDEX ux_mcp_connections_namespace_server_name"
                        : "DROP TABLE no_such_table"));

        assertThatThrownBy(() -> broken.downgrade(new DowngradeRequest(Optional.of("base"), false, false),
                MigrationProgress.silent()))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessage("Downgrading the SQLite database " + database.file() + " failed; nothing was changed, it"
                        + " stays at version 2. no such table: no_such_table");

        assertThat(migrator.current().current()).contains("2");
        assertThat(Schema.indexNames(database)).contains("ux_mcp_connections_namespace_server_name");
    }

    @Test
    void anUnknownTargetIsRefusedWithTheKnownVersionsIncludingBase() {
        assertThatThrownBy(() -> migrator.downgrade(DowngradeRequest.to("ff00"), MigrationProgress.silent()))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("Unknown version 'ff00' for downgrade of the SQLite database " + database.file()
                        + "; known versions: base (no migration), 1 (create mcp connections), 2 (add version and"
                        + " unique server name), head");
    }

    @Test
    void aNewerTargetIsRefusedAndTheCurrentOneIsANoOp() {
        migrator.downgrade(DowngradeRequest.oneStep(), MigrationProgress.silent());

        assertThatThrownBy(() -> migrator.downgrade(DowngradeRequest.to("2"), MigrationProgress.silent()))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageEndingWith("Fix: to go forward, run mcpconn db upgrade --target 2");
        assertThat(migrator.downgrade(DowngradeRequest.to("1"), MigrationProgress.silent()).undone()).isEmpty();
    }

    @Test
    void oneStepBelowBaseIsRefused() {
        migrator.downgrade(DowngradeRequest.to("base"), MigrationProgress.silent());

        assertThatThrownBy(() -> migrator.downgrade(DowngradeRequest.oneStep(), MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(MigrationRefusedException.Reason.WRONG_DIRECTION))
                .hasMessageContaining("no migration is applied");
    }

    private void insert(String id) throws Exception {
        LegacyDatabases.execute(file, "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json)"
                + " VALUES ('" + id + "', 'server', 'ns', 'agent', '{}')");
    }
}
