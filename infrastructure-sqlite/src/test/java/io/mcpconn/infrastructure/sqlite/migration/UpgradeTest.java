package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeResult;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeTest extends OnTemporaryDatabase {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-12T13:30:05Z"), ZoneOffset.UTC);

    @Override
    SchemaMigrator migratorFor(SqliteDatabase opened) {
        return new SchemaMigrator(opened, CLOCK);
    }

    @Test
    void aNewDatabaseIsMigratedToHeadWithoutABackupAndReportsEachStep() {
        RecordingProgress progress = new RecordingProgress();

        UpgradeResult result = migrator.upgrade(UpgradeRequest.toHead(), progress);

        assertThat(result.from()).isEmpty();
        assertThat(result.to()).contains(SchemaMigrator.head());
        assertThat(result.applied()).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(result.backup()).as("nothing to back up in a new database").isEmpty();
        List<String> expected = new java.util.ArrayList<>();
        for (ShippedMigration migration : SchemaMigrator.shipped()) {
            expected.add("applying V" + migration.version() + " " + migration.description() + ": ran \\(\\d+ ms\\)");
        }
        expected.add("committing the upgrade to V" + SchemaMigrator.head() + ": done \\(\\d+ ms\\)");
        assertThat(progress.lines).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(progress.lines.get(i)).matches(expected.get(i));
        }
    }

    @Test
    void anExistingDatabaseIsBackedUpFirstUnderTheSeedsName() {
        migrator.migrateTo("1");
        RecordingProgress progress = new RecordingProgress();

        UpgradeResult result = migrator.upgrade(UpgradeRequest.toHead(), progress);

        Path expected = directory.resolve("tmws.db.backup-20251112_133005").toAbsolutePath();
        assertThat(result.backup()).map(BackupFile::file).contains(expected);
        assertThat(expected).isRegularFile();
        assertThat(progress.lines.get(0)).matches("backing up to " + java.util.regex.Pattern.quote(expected.toString())
                + ": done \\(\\d+ KB\\)");
        assertThat(result.applied()).containsExactly("2", "3", "4", "5", "6");
    }

    @Test
    void anUpToDateDatabaseIsLeftAloneWithoutABackup() {
        migrator.migrate();

        UpgradeResult result = migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent());

        assertThat(result.from()).contains(SchemaMigrator.head());
        assertThat(result.to()).contains(SchemaMigrator.head());
        assertThat(result.applied()).isEmpty();
        assertThat(result.backup()).isEmpty();
        assertThat(directory.toFile().list()).noneMatch(name -> name.contains(".backup-"));
    }

    @Test
    void upgradesToATargetGivenAsHeadOrWithAV() {
        assertThat(migrator.upgrade(new UpgradeRequest(Optional.of("V1"), false), MigrationProgress.silent()).to())
                .contains("1");
        assertThat(migrator.upgrade(new UpgradeRequest(Optional.of("head"), false), MigrationProgress.silent()).to())
                .contains(SchemaMigrator.head());
    }

    @Test
    void anUnknownTargetIsRefusedWithTheKnownVersions() {
        assertThatThrownBy(() -> migrator.upgrade(new UpgradeRequest(Optional.of("7"), true), MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.UNKNOWN_VERSION);
                    assertThat(e).hasMessage("Unknown version '7' for upgrade of the SQLite database "
                            + database.file() + "; known versions: 1 (create mcp connections),"
                            + " 2 (add version and unique server name), 3 (add session leases), 4 (bump version on every update), 5 (index pages in time order), 6 (add connection events), head. Fix: pass one of"
                            + " the known versions"
                            + " (SchemaMigrator.history() lists them with their state)");
                    assertThat(e.details().version()).contains("7");
                    assertThat(e.details().versions()).isEqualTo(SchemaMigrator.shipped().stream()
                            .map(ShippedMigration::version).toList());
                });
        assertThat(Schema.tables(database)).isEmpty();
    }

    @Test
    void anOlderTargetIsRefusedWithTheDowngradeCommand() {
        migrator.migrate();

        assertThatThrownBy(() -> migrator.upgrade(new UpgradeRequest(Optional.of("1"), true), MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.details().operation()).isEqualTo(MigrationRefusedException.Operation.UPGRADE);
                    assertThat(e.details().version()).contains("1");
                    assertThat(e.details().current()).contains(SchemaMigrator.head());
                })
                .hasMessageContaining("it is at version " + SchemaMigrator.head() + " already")
                .hasMessageEndingWith("Fix: to go back, call SchemaMigrator.downgrade(DowngradeRequest.to(\"1\"),"
                        + " progress)");
    }

    @Test
    void anEditedAppliedMigrationBlocksTheUpgradeWithTheFixAndRepairIsExplicit() throws Exception {
        migrator.migrateTo("1");
        LegacyDatabases.execute(file, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");

        assertThatThrownBy(() -> migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.HISTORY_MISMATCH);
                    assertThat(e.getMessage()).contains("the applied migration V1 (create mcp connections) is not the"
                            + " one this build ships (checksum recorded 12345, shipped ");
                    assertThat(e.fix()).contains("SchemaMigrator.repair()");
                    assertThat(e.details().version()).contains("1");
                });
        assertThat(migrator.current().current()).contains("1");
        assertThat(directory.toFile().list()).noneMatch(name -> name.contains(".backup-"));

        assertThat(migrator.repair()).isNotEmpty();
        assertThat(migrator.upgrade(UpgradeRequest.toHead(), MigrationProgress.silent()).applied())
                .containsExactly("2", "3", "4", "5", "6");
    }

    @Test
    void aFailingMigrationLeavesTheDatabaseAsItWasBecauseTheUpgradeIsOneTransaction() throws Exception {
        // An index of another program that happens to take the name V2 wants.
        LegacyDatabases.execute(file, "CREATE TABLE other (x)",
                "CREATE INDEX ux_mcp_connections_namespace_server_name ON other (x)");

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessage("Migrating the SQLite database " + database.file() + " failed at V2 (add version and"
                        + " unique server name); it stays without any migrated schema. index"
                        + " ux_mcp_connections_namespace_server_name already exists");

        assertThat(Schema.tables(database)).containsExactly("flyway_schema_history", "other");
        assertThat(migrator.current().current()).isEmpty();
    }

    /**
     * All pending migrations run in one transaction, so a migration that ran is not done until the
     * commit: when a later one fails, no line may have said the earlier one was done, and the line
     * of the failure says that everything was rolled back and where the database stays.
     */
    @Test
    void noLineSaysDoneBeforeTheCommitAndAFailureLaterInTheTransactionSaysAllWasRolledBack() throws Exception {
        migrator.migrateTo("1");
        // A table of another program that happens to take the name V3 wants.
        LegacyDatabases.execute(file, "CREATE TABLE mcp_session_leases (x)");
        RecordingProgress progress = new RecordingProgress();

        assertThatThrownBy(() -> migrator.upgrade(new UpgradeRequest(Optional.empty(), false), progress))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("failed at V3 (add session leases); it stays at version 1.");

        assertThat(progress.lines).hasSize(2);
        assertThat(progress.lines.get(0)).matches("applying V2 add version and unique server name: ran \\(\\d+ ms\\)");
        assertThat(progress.lines.get(1)).isEqualTo("applying V3 add session leases: failed, all rolled back; the"
                + " database stays at version 1");
        assertThat(migrator.current().current()).contains("1");
        assertThat(Schema.columns(database, "mcp_connections")).noneMatch(column -> column.name().equals("version"));
    }

    @Test
    void aDatabaseMigratedByANewerBuildIsRefused() throws Exception {
        migrator.migrate();
        String head = SchemaMigrator.head();
        String future = String.valueOf(Integer.parseInt(head) + 1);
        LegacyDatabases.execute(file, "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '" + future
                + "', 'future', 'SQL', 'V" + future + "__future.sql', 1, 'mcpconn', 0, 1 FROM flyway_schema_history");

        assertThatThrownBy(migrator::migrate)
                .isInstanceOfSatisfying(MigrationRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.NEWER_SCHEMA))
                .hasMessageContaining("it is at version " + future + ", newer than this build knows (head " + head + ")");

        SchemaStatus status = migrator.current();
        assertThat(status.pending()).isEmpty();
        assertThat(status.atHead()).as("a database ahead of this build is not at its head").isFalse();
        assertThat(status.ahead()).isTrue();
        assertThat(status.unknown()).containsExactly(future);
    }

    @Test
    void theStatusOfAMissingFileHasEverythingPendingAndCreatesNothing() {
        assertThat(Files.exists(file)).isTrue();
        assertThat(SchemaMigrator.statusOfMissing(directory.resolve("absent.db")))
                .isEqualTo(new SchemaStatus(directory.resolve("absent.db").toAbsolutePath().toString(), false, Optional.empty(),
                        SchemaMigrator.head(), List.of("1", "2", "3", "4", "5", "6"), Optional.empty()));
        assertThat(directory.resolve("absent.db")).doesNotExist();
    }
}
