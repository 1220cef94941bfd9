package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeResult;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DowngradeTest extends OnTemporaryDatabase {

    /** The newest shipped migration, which one step back undoes, and the one before it. */
    private static final ShippedMigration LAST = SchemaMigrator.shipped().get(SchemaMigrator.shipped().size() - 1);
    private static final String PREVIOUS = SchemaMigrator.shipped().get(SchemaMigrator.shipped().size() - 2).version();

    @BeforeEach
    void migrateToHead() {
        migrator.migrate();
    }

    @Test
    void oneStepUndoesTheLastMigrationAfterABackupAndForgetsIt() throws Exception {
        insert("a-1");
        RecordingProgress progress = new RecordingProgress();

        DowngradeResult result = migrator.downgrade(DowngradeRequest.oneStep(), progress);

        assertThat(result.from()).contains(LAST.version());
        assertThat(result.to()).contains(PREVIOUS);
        assertThat(result.undone()).containsExactly(LAST.version());
        assertThat(result.backup()).isPresent();
        assertThat(progress.lines).hasSize(3);
        assertThat(progress.lines.get(1)).matches("undoing V" + LAST.version() + " " + LAST.description()
                + ": ran \\(\\d+ ms\\)");
        assertThat(progress.lines.get(2)).matches("committing the downgrade to V" + PREVIOUS + ": done \\(\\d+ ms\\)");
        assertThat(migrator.current().current()).contains(PREVIOUS);
        assertThat(migrator.current().pending()).containsExactly(LAST.version());
        assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM flyway_schema_history WHERE version = '"
                + LAST.version() + "'")).isZero();
        assertThat(migrator.verify().passed()).isTrue();
        assertThat(LegacyDatabases.count(result.backup().orElseThrow().file(),
                "SELECT count(*) FROM mcp_connections WHERE version = 0")).isOne();
    }

    @Test
    void toBaseUndoesEverythingNewestFirstAndTheRowsAreInTheBackup() throws Exception {
        insert("a-1");

        DowngradeResult result = migrator.downgrade(DowngradeRequest.to("base"), MigrationProgress.silent());

        assertThat(result.undone()).containsExactly("6", "5", "4", "3", "2", "1");
        assertThat(result.to()).isEmpty();
        assertThat(Schema.tables(database)).as("V6's AUTOINCREMENT leaves SQLite's own sqlite_sequence, which cannot be dropped").containsExactly("flyway_schema_history", "sqlite_sequence");
        assertThat(LegacyDatabases.count(result.backup().orElseThrow().file(), "SELECT count(*) FROM mcp_connections"))
                .isOne();
        assertThat(migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent()).applied())
                .containsExactly("1", "2", "3", "4", "5", "6");
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
                            + " let the downgrade take a backup first (DowngradeRequest.backupFirst), or set"
                            + " DowngradeRequest.discardData to drop them for good");
                    assertThat(e.details().count()).hasValue(1);
                    assertThat(e.details().database()).contains(database.file());
                });
        assertThat(migrator.current().current()).contains(SchemaMigrator.head());

        DowngradeResult result = migrator.downgrade(new DowngradeRequest(Optional.of("base"), false, true),
                MigrationProgress.silent());
        assertThat(result.undone()).containsExactly("6", "5", "4", "3", "2", "1");
        assertThat(result.backup()).isEmpty();
    }

    /**
     * Leases only say which running process holds which live session for the next seconds: they
     * are not counted as rows a backup must hold, so undoing V3 never needs one, and a refusal
     * below V1 counts the connections alone.
     */
    @Test
    void sessionLeasesAreNotDataThatBlocksADowngradeWithoutABackup() throws Exception {
        insert("a-1");
        lease("a-1", "instance-1");
        lease("a-2", "instance-2");

        assertThatThrownBy(() -> migrator.downgrade(new DowngradeRequest(Optional.of("base"), false, false),
                MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(MigrationRefusedException.Reason.UNBACKED_DATA_LOSS))
                .hasMessageContaining("undoing V1 drops mcp_connections and its 1 row(s)");

        DowngradeResult result = migrator.downgrade(new DowngradeRequest(Optional.of("2"), false, false),
                MigrationProgress.silent());

        assertThat(result.undone()).containsExactly("6", "5", "4", "3");
        assertThat(result.backup()).isEmpty();
        assertThat(Schema.tables(database)).doesNotContain("mcp_session_leases");
        assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM mcp_connections")).isOne();
        assertThat(directory.toFile().list()).noneMatch(name -> name.contains(".backup-"));
    }

    @Test
    void anEmptyTableMayBeDroppedWithoutABackup() {
        DowngradeResult result = migrator.downgrade(new DowngradeRequest(Optional.of("0"), false, false),
                MigrationProgress.silent());

        assertThat(result.undone()).containsExactly("6", "5", "4", "3", "2", "1");
    }

    @Test
    void aMissingDownScriptIsRefusedBeforeAnythingChanges() throws Exception {
        // U3, newer than the missing one, is there: the refusal must come before it runs.
        SchemaMigrator withoutU2 = new SchemaMigrator(database, Clock.systemDefaultZone(), SqliteCapabilities::probe,
                name -> name.startsWith("U2") ? Optional.empty() : Optional.of(Schema.rollbackScript(name)));

        assertThatThrownBy(() -> withoutU2.downgrade(DowngradeRequest.to("base"), MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.MISSING_DOWN_SCRIPT);
                    assertThat(e.getMessage()).contains("no down script for V2"
                            + " (db/rollback/U2__add_version_and_unique_server_name.sql); nothing was changed");
                });
        assertThat(migrator.current().current()).contains(SchemaMigrator.head());
        assertThat(Schema.tables(database)).contains("mcp_session_leases");
        assertThat(directory.toFile().list()).noneMatch(name -> name.contains(".backup-"));
    }

    @Test
    void aFailingDownScriptRollsBackTheWholeDowngrade() {
        // U3 and U2 succeed, U1 fails last: what the first two undid must come back too.
        SchemaMigrator broken = new SchemaMigrator(database, Clock.systemDefaultZone(), SqliteCapabilities::probe,
                name -> Optional.of(name.startsWith("U1") ? "DROP TABLE no_such_table" : Schema.rollbackScript(name)));

        RecordingProgress progress = new RecordingProgress();

        assertThatThrownBy(() -> broken.downgrade(new DowngradeRequest(Optional.of("base"), false, false), progress))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessage("Downgrading the SQLite database " + database.file() + " failed; nothing was changed, it"
                        + " stays at version 6. no such table: no_such_table");

        // Nothing is done before the commit: the down scripts that ran say so, the failing one says all was undone.
        List<ShippedMigration> newestFirst = new java.util.ArrayList<>(SchemaMigrator.shipped());
        java.util.Collections.reverse(newestFirst);
        assertThat(progress.lines).hasSize(newestFirst.size());
        for (int i = 0; i < newestFirst.size() - 1; i++) {
            assertThat(progress.lines.get(i)).matches("undoing V" + newestFirst.get(i).version() + " "
                    + newestFirst.get(i).description() + ": ran \\(\\d+ ms\\)");
        }
        assertThat(progress.lines.get(newestFirst.size() - 1)).isEqualTo("undoing V1 create mcp connections: failed,"
                + " all rolled back; the database stays at version " + SchemaMigrator.head());

        assertThat(migrator.current().current()).contains(SchemaMigrator.head());
        assertThat(Schema.indexNames(database)).contains("ux_mcp_connections_namespace_server_name",
                "ix_mcp_session_leases_holder");
        assertThat(Schema.columns(database, "mcp_connections")).extracting(Schema.Column::name).contains("version");
        assertThat(Schema.tables(database)).contains("mcp_session_leases");
    }

    @Test
    void anUnknownTargetIsRefusedWithTheKnownVersionsIncludingBase() {
        assertThatThrownBy(() -> migrator.downgrade(DowngradeRequest.to("ff00"), MigrationProgress.silent()))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("Unknown version 'ff00' for downgrade of the SQLite database " + database.file()
                        + "; known versions: base (no migration), 1 (create mcp connections), 2 (add version and"
                        + " unique server name), 3 (add session leases), 4 (bump version on every update), 5 (index pages in time order), 6 (add connection events), head");
    }

    @Test
    void aNewerTargetIsRefusedAndTheCurrentOneIsANoOp() {
        migrator.downgrade(DowngradeRequest.oneStep(), MigrationProgress.silent());

        assertThatThrownBy(() -> migrator.downgrade(DowngradeRequest.to(LAST.version()), MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.details().operation()).isEqualTo(MigrationRefusedException.Operation.DOWNGRADE);
                    assertThat(e.details().version()).contains(LAST.version());
                    assertThat(e.details().current()).contains(PREVIOUS);
                })
                .hasMessageEndingWith("Fix: to go forward, call SchemaMigrator.upgrade(new UpgradeRequest("
                        + "Optional.of(\"" + LAST.version() + "\"), true), progress)");
        assertThat(migrator.downgrade(DowngradeRequest.to(PREVIOUS), MigrationProgress.silent()).undone()).isEmpty();
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

    private void lease(String connectionId, String holder) throws Exception {
        LegacyDatabases.execute(file, "INSERT INTO mcp_session_leases (connection_id, namespace, holder, acquired_at,"
                + " expires_at) VALUES ('" + connectionId + "', 'ns', '" + holder + "', '2025-11-12 13:30:00',"
                + " '2099-01-01 00:00:00')");
    }
}
