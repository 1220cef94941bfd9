package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabaseOptions;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SchemaMigrator#restore}: a backup is checked before it replaces anything, replaces the
 * database through SQLite in one transaction, and the replaced database is kept.
 */
class RestoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-12T13:30:05Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void aBackupReplacesTheDatabaseInOneTransactionAndTheReplacedOneIsKept() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();
            insert(file, "a-1");
            insert(file, "a-2");
            Path backup = migrator.backup(Optional.empty(), MigrationProgress.silent()).file();
            LegacyDatabases.execute(file, "DELETE FROM mcp_connections");
            insert(file, "b-1");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            RecordingProgress progress = new RecordingProgress();

            try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = reader.createStatement()) {
                statement.execute("BEGIN");
                assertThat(ids(statement)).containsExactly("b-1");

                RestoreResult result = migrator.restore(backup, progress);

                assertThat(ids(statement)).as("a reader's transaction keeps its snapshot").containsExactly("b-1");
                statement.execute("COMMIT");
                assertThat(ids(statement)).as("the restore is one committed change").containsExactly("a-1", "a-2");
                assertThat(result.restored().connections()).isEqualTo(OptionalLong.of(2));
                assertThat(result.restored().version()).contains(SchemaMigrator.head());
                assertThat(result.previous()).contains(SchemaMigrator.head());
                assertThat(result.notes()).isEmpty();
                Path replaced = result.replaced().orElseThrow().file();
                assertThat(replaced).isEqualTo(directory.resolve("tmws.db.replaced-20251112_133005").toAbsolutePath());
                assertThat(LegacyDatabases.count(replaced, "SELECT count(*) FROM mcp_connections WHERE id = 'b-1'"))
                        .isOne();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)))
                        .isEqualTo("rw-------");
            }
            assertThat(progress.lines).containsExactly(
                    "checking " + backup + ": ok: integrity ok, version " + SchemaMigrator.head() + ", 2 connection(s)",
                    progress.lines.get(1),
                    progress.lines.get(2));
            assertThat(progress.lines.get(1)).startsWith("keeping the replaced database as " + directory.toAbsolutePath()
                    .resolve("tmws.db.replaced-20251112_133005") + ": done (");
            assertThat(progress.lines.get(2)).startsWith("restoring from " + backup + ": done (");
            assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"))
                    .as("still a WAL database").isOne();
            assertThat(migrator.verify().passed()).isTrue();
        }
    }

    /**
     * What an interrupted backup leaves, however big, and every other file that is no intact backup
     * of a known version, is refused before the database is touched, and nothing is kept or written.
     */
    @Test
    void whatIsNoIntactBackupOfAKnownVersionIsRefusedBeforeAnythingChanges() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();
            insert(file, "keep-me");
            Path good = migrator.backup(Optional.of(directory.resolve("good.db")), MigrationProgress.silent()).file();

            Path interrupted = copy(good, "tmws.db.backup-20251112_120000");
            Files.writeString(Path.of(interrupted + "-journal"), "the journal VACUUM INTO left");
            Path partial = copy(good, "tmws.db.backup-20251112_120001.4242.incomplete");
            Path truncated = copy(good, "truncated.db");
            try (RandomAccessFile raf = new RandomAccessFile(truncated.toFile(), "rw")) {
                raf.setLength(raf.length() / 2);
            }
            Path corrupt = copy(good, "corrupt.db");
            try (RandomAccessFile raf = new RandomAccessFile(corrupt.toFile(), "rw")) {
                byte[] garbage = new byte[64];
                new java.util.Random(7).nextBytes(garbage);
                for (long page = 1; page * 4096 < raf.length(); page++) {
                    raf.seek(page * 4096);
                    raf.write(garbage);
                }
            }
            Path text = Files.writeString(directory.resolve("notes.db"), "x".repeat(8192));
            Path empty = Files.createFile(directory.resolve("empty.db"));
            Path newer = copy(good, "newer.db");
            LegacyDatabases.execute(newer, "INSERT INTO flyway_schema_history (installed_rank, version, description,"
                    + " type, script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1,"
                    + " '99', 'future', 'SQL', 'V99__future.sql', 1, 'mcpconn', 0, 1 FROM flyway_schema_history");

            refused(migrator, interrupted, "tmws.db.backup-20251112_120000-journal lies beside it, so the copy was"
                    + " interrupted");
            refused(migrator, partial, "it is the partial copy of a backup that was interrupted, and incomplete");
            refused(migrator, truncated, "");
            refused(migrator, corrupt, "");
            refused(migrator, text, "it is not an SQLite database");
            refused(migrator, empty, "the file is empty");
            refused(migrator, newer, "its schema has version(s) 99 applied, which this build does not know (head "
                    + SchemaMigrator.head() + ")");
            refused(migrator, directory.resolve("absent.db"), "the file does not exist");
            refused(migrator, file, "from itself");

            assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM mcp_connections WHERE id = 'keep-me'")).isOne();
            try (Stream<Path> names = Files.list(directory)) {
                assertThat(names.map(name -> name.getFileName().toString())).noneMatch(name -> name.contains(".replaced-"));
            }
        }
    }

    @Test
    void aBackupWithAnotherPageSizeIsConvertedThenRestoredAndTheResultSaysSo() throws Exception {
        Path file = directory.resolve("tmws.db");
        Path large = directory.resolve("large-pages.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();
            insert(file, "a-1");
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA page_size = 8192");
                statement.execute("VACUUM INTO '" + large + "'");
            }
            assertThat(LegacyDatabases.count(large, "PRAGMA page_size")).isEqualTo(8192);
            LegacyDatabases.execute(file, "DELETE FROM mcp_connections");

            RestoreResult result = migrator.restore(large, MigrationProgress.silent());

            assertThat(result.notes()).containsExactly("the backup has 8192-byte pages and the database 4096-byte"
                    + " ones, which SQLite cannot copy into a WAL database; a copy of the backup converted to"
                    + " 4096-byte pages was restored");
            assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM mcp_connections WHERE id = 'a-1'")).isOne();
            assertThat(LegacyDatabases.count(file, "PRAGMA page_size")).isEqualTo(4096);
            try (Stream<Path> names = Files.list(directory)) {
                assertThat(names.map(name -> name.getFileName().toString()))
                        .as("the converted copy is gone").noneMatch(name -> name.contains("restore-source"));
            }
        }
    }

    @Test
    void aWriterHoldingTheDatabaseMakesTheRestoreWaitThenFailAsLockedChangingNothing() throws Exception {
        Path file = directory.resolve("tmws.db");
        SqliteDatabaseOptions options = SqliteDatabaseOptions.defaults().withBusyTimeout(Duration.ofMillis(300));
        try (SqliteDatabase database = SqliteDatabase.open(file, options)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();
            insert(file, "a-1");
            Path backup = migrator.backup(Optional.empty(), MigrationProgress.silent()).file();
            insert(file, "b-1");
            try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = writer.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");

                assertThatThrownBy(() -> migrator.restore(backup, MigrationProgress.silent()))
                        .isInstanceOf(DatabaseLockedException.class);

                statement.execute("ROLLBACK");
            }
            assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM mcp_connections")).isEqualTo(2);
        }
    }

    /** A backup taken before the first upgrade of the Python service's database has no history: upgrade baselines it. */
    @Test
    void aBackupWithoutHistoryIsRestoredAndUpgradedAfterwards() throws Exception {
        Path seed = directory.resolve("python.db");
        LegacyDatabases.pythonService(seed);
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);
            migrator.migrate();

            RestoreResult result = migrator.restore(seed, MigrationProgress.silent());

            assertThat(result.restored().managed()).isFalse();
            assertThat(result.restored().version()).isEmpty();
            assertThat(result.restored().connections()).isEqualTo(OptionalLong.of(1));
            assertThat(migrator.current().unmanaged()).isPresent();
            assertThat(migrator.migrate().currentVersion()).contains(SchemaMigrator.head());
            assertThat(LegacyDatabases.count(file, "SELECT count(*) FROM mcp_connections WHERE id = 'test-uuid-123'"))
                    .isOne();
        }
    }

    private static void refused(SchemaMigrator migrator, Path backup, String problem) {
        assertThatThrownBy(() -> migrator.restore(backup, MigrationProgress.silent()))
                .as(backup.toString())
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(MigrationRefusedException.Reason.BACKUP_UNUSABLE))
                .hasMessageContaining(problem)
                .hasMessageContaining("nothing was changed");
    }

    private Path copy(Path from, String name) throws Exception {
        return Files.copy(from, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> ids(Statement statement) throws Exception {
        try (ResultSet rows = statement.executeQuery("SELECT id FROM mcp_connections ORDER BY id")) {
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static void insert(Path file, String id) throws Exception {
        LegacyDatabases.execute(file, "INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json)"
                + " VALUES ('" + id + "', 'server-" + id + "', 'ns', 'agent', '{}')");
    }
}
