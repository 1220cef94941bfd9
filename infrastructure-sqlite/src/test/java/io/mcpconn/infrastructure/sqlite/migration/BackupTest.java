package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.sqlite.database.DatabaseUnavailableException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-12T13:30:05Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void aBackupHoldsTheSameRowsAndRestoresByCopyingItBack() throws Exception {
        Path file = directory.resolve("tmws.db");
        BackupFile backup;
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();
            insert(file, "a-1");
            insert(file, "a-2");

            backup = migrator.backup(Optional.empty(), MigrationProgress.silent());

            assertThat(backup.file()).isEqualTo(directory.resolve("tmws.db.backup-20251112_133005").toAbsolutePath());
            assertThat(backup.bytes()).isEqualTo(Files.size(backup.file())).isPositive();
            LegacyDatabases.execute(file, "DELETE FROM mcp_connections");
            assertThat(migrator.backup(Optional.empty(), MigrationProgress.silent()).file().getFileName())
                    .hasToString("tmws.db.backup-20251112_133005-1");
        }
        // Restoring: with nobody using the database, the copy replaces the file and its WAL goes.
        Files.copy(backup.file(), file, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(Path.of(file + "-wal"));
        Files.deleteIfExists(Path.of(file + "-shm"));
        try (SqliteDatabase restored = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(restored);
            assertThat(migrator.current().current()).contains(SchemaMigrator.head());
            java.util.List<String> ids = restored.read(dsl -> dsl.fetch("SELECT id FROM mcp_connections ORDER BY id")
                    .getValues(0, String.class));
            assertThat(ids).containsExactly("a-1", "a-2");
            assertThat(migrator.verify().passed()).isTrue();
        }
    }

    @Test
    void anExistingTargetIsRefusedAndAMissingDirectoryExplained() throws Exception {
        Path file = directory.resolve("tmws.db");
        Path taken = Files.writeString(directory.resolve("taken"), "keep me");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database);

            assertThatThrownBy(() -> migrator.backup(Optional.of(taken), MigrationProgress.silent()))
                    .isInstanceOfSatisfying(MigrationRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(MigrationRefusedException.Reason.BACKUP_EXISTS))
                    .hasMessageContaining(taken + ": the file exists");
            assertThat(taken).hasContent("keep me");

            Path nowhere = directory.resolve("no-such-dir").resolve("copy.db");
            assertThatThrownBy(() -> migrator.backup(Optional.of(nowhere), MigrationProgress.silent()))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("the backup's directory " + nowhere.getParent() + " does not exist");
        }
    }

    @Test
    void aBackupIsConsistentWhileAnotherConnectionWrites() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file);
                var other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = other.createStatement()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrate();
            insert(file, "committed");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json)"
                    + " VALUES ('uncommitted', 's2', 'ns', 'agent', '{}')");

            BackupFile backup = migrator.backup(Optional.of(directory.resolve("copy.db")), MigrationProgress.silent());
            statement.execute("COMMIT");

            assertThat(LegacyDatabases.count(backup.file(), "SELECT count(*) FROM mcp_connections")).isOne();
        }
    }

    /**
     * A backup holds what the database holds (api keys too, where they are stored in plaintext), so
     * nobody may read it who may not read the database: it gets the database's mode or a stricter
     * one, whatever the umask, and never the execute bits.
     */
    @Test
    void aBackupGetsTheDatabasesPermissionsNeverMore() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();
            insert(file, "a-1");
            for (String mode : new String[] {"rw-------", "rw-r-----", "r--------", "rwx------"}) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

                BackupFile backup = migrator.backup(Optional.empty(), MigrationProgress.silent());

                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.file())))
                        .as("backup of a %s database", mode).isEqualTo(mode.replace('x', '-'));
                assertThat(Files.getOwner(backup.file())).isEqualTo(Files.getOwner(file));
                assertThat(LegacyDatabases.count(backup.file(), "SELECT count(*) FROM mcp_connections")).isOne();
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Path elsewhere = Files.createDirectory(directory.resolve("elsewhere"));
            BackupFile chosen = migrator.backup(Optional.of(elsewhere.resolve("copy.db")), MigrationProgress.silent());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chosen.file())))
                    .isEqualTo("rw-------");
        }
    }

    /**
     * A copy is written under a name that says it is incomplete; what a killed process left (its
     * partial copy with the -journal beside it, or a final-named copy of an earlier build with its
     * -journal) is removed by the next backup, while a copy another live process is writing stays.
     */
    @Test
    void theNextBackupRemovesWhatInterruptedCopiesLeftAndSparesOneInProgress() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();
            long dead = deadPid();
            long alive = ProcessHandle.current().parent().orElseThrow().pid();
            List<Path> leftovers = List.of(
                    Files.writeString(directory.resolve("tmws.db.backup-20251112_120000." + dead + ".incomplete"),
                            "half"),
                    Files.writeString(directory.resolve("tmws.db.backup-20251112_120000." + dead
                            + ".incomplete-journal"), "j"),
                    Files.writeString(directory.resolve("tmws.db.replaced-20251112_120000." + dead + ".incomplete"),
                            "half"),
                    Files.writeString(directory.resolve("tmws.db.backup-20251112_110000"), "full size, never finished"),
                    Files.writeString(directory.resolve("tmws.db.backup-20251112_110000-journal"), "j"));
            Path inProgress = Files.writeString(directory.resolve("tmws.db.backup-20251112_120000." + alive
                    + ".incomplete"), "being written");
            Path finished = Files.writeString(directory.resolve("tmws.db.backup-20251112_100000"), "a complete backup");
            RecordingProgress progress = new RecordingProgress();

            BackupFile backup = migrator.backup(Optional.empty(), progress);

            assertThat(leftovers).allSatisfy(leftover -> assertThat(leftover).doesNotExist());
            assertThat(inProgress).hasContent("being written");
            assertThat(finished).hasContent("a complete backup");
            assertThat(backup.file()).isRegularFile();
            assertThat(progress.lines).hasSize(leftovers.size() + 1)
                    .contains("removing " + leftovers.get(3) + ", left by an interrupted copy: done");
            try (var names = Files.list(directory)) {
                assertThat(names.map(name -> name.getFileName().toString()))
                        .as("nothing but the database, its WAL files, the new backup and what must stay")
                        .allMatch(name -> name.startsWith("tmws.db-") || name.equals("tmws.db")
                                || name.equals(backup.file().getFileName().toString())
                                || name.equals(inProgress.getFileName().toString())
                                || name.equals(finished.getFileName().toString()));
            }
        }
    }

    /** Backups taken in the same second by several threads each get a name of their own, none replaced. */
    @Test
    void backupsInTheSameSecondNeverTakeEachOthersName() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();
            insert(file, "a-1");
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<BackupFile>> backups = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    backups.add(pool.submit(() -> migrator.backup(Optional.empty(), MigrationProgress.silent())));
                }
                java.util.Set<Path> names = new java.util.HashSet<>();
                for (var backup : backups) {
                    names.add(backup.get().file());
                }
                assertThat(names).hasSize(8).allSatisfy(name -> {
                    assertThat(name.getFileName().toString()).startsWith("tmws.db.backup-20251112_133005");
                    assertThat(LegacyDatabases.count(name, "SELECT count(*) FROM mcp_connections")).isOne();
                });
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A pid no process has: the child that just ended, whose pid the kernel does not hand out again at once. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        assertThat(ProcessHandle.of(process.pid())).isEmpty();
        return process.pid();
    }

    private static void insert(Path file, String id) throws Exception {
        LegacyDatabases.execute(file, "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json)"
                + " VALUES ('" + id + "', 'server-" + id + "', 'ns', 'agent', '{}')");
    }
}
