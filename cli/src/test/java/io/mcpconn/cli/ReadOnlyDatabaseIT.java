package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that only look at a database ({@code current}, {@code history}, {@code verify},
 * {@code backup}) work on a file this user may read but not write, through the packaged jar run as
 * a user whom permission bits stop ({@code nobody} when the tests run as root, as on CI). The
 * commands that write still refuse it, naming what is really in the way.
 */
class ReadOnlyDatabaseIT {

    @TempDir
    Path directory;

    private Path data;
    private Path file;
    private Path out;

    /** A database of root's (0644) in a directory of root's (0755): readable, not writable, by the user. */
    @BeforeEach
    void aDatabaseThisUserMayOnlyRead() throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = Files.createDirectories(directory.resolve("data"));
        file = data.resolve("tmws.db");
        assertThat(Jar.run(directory, "--db", file.toString(), "db", "upgrade").code()).isZero();
        SeedDatabases.execute(file, SeedDatabases.insert("id-1", "server-1"), SeedDatabases.insert("id-2", "server-2"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        out = Files.createDirectories(directory.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void readingCommandsWorkOnADatabaseThisUserMayReadButNotWrite() throws Exception {
        Cli.Result current = asUser("db", "current");
        assertThat(current.code()).as(current.toString()).isZero();
        assertThat(current.out()).contains("current  " + SchemaMigrator.head() + " ");
        assertThat(current.err()).isEmpty();

        Cli.Result history = asUser("--json", "db", "history");
        assertThat(history.code()).as(history.toString()).isZero();
        assertThat(history.out()).contains("\"state\" : \"applied\"").doesNotContain("pending");

        Cli.Result verify = asUser("db", "verify");
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("verify: all ").contains(" checks passed");

        Path copy = out.resolve("copy.db");
        Cli.Result backup = asUser("db", "backup", "--to", copy.toString());
        assertThat(backup.code()).as(backup.toString()).isZero();
        assertThat(SeedDatabases.query(copy, "SELECT count(*) FROM mcp_connections")).isEqualTo("2\n");

        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .as("a reader leaves no file of its own beside another user's database").containsExactly("tmws.db");
        }
    }

    @Test
    void aBackupBesideItAndAnUpgradeAreRefusedNamingTheOwnerNotAChmodTheFileHasAlready() throws Exception {
        Cli.Result backup = asUser("db", "backup");
        assertThat(backup.code()).as(backup.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(backup.err()).contains("may not write " + data + ", where the copy goes")
                .contains("Fix: choose a file in a directory this user may write with --to");

        Cli.Result upgrade = asUser("db", "downgrade", "-1");
        assertThat(upgrade.code()).as(upgrade.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        String owner = Files.getOwner(file).getName();
        assertThat(upgrade.err()).startsWith("mcpconn: Cannot use the SQLite database " + file + ": the file " + file
                + " belongs to " + owner + " (group ").contains("mode 644), and this user (" + user()
                + ") may not write it. Fix: run as " + owner)
                .doesNotContain("chmod 644").doesNotContain("\tat ");
        assertThat(SeedDatabases.query(file, "SELECT max(version) FROM flyway_schema_history"))
                .isEqualTo(SchemaMigrator.head() + "\n");
    }

    /**
     * While the owner's process has the database open, what it committed may still be in the -wal
     * only; a reader sees it through the -shm file, which it may read but not write.
     */
    @Test
    void aReaderSeesWhatTheOwnersOpenConnectionHasOnlyInItsWal() throws Exception {
        try (Connection owner = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = owner.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute(SeedDatabases.insert("id-3", "server-3"));
            assertThat(Path.of(file + "-wal")).isNotEmptyFile();

            Path copy = out.resolve("copy.db");
            Cli.Result backup = asUser("db", "backup", "--to", copy.toString());
            assertThat(backup.code()).as(backup.toString()).isZero();
            assertThat(SeedDatabases.query(copy, "SELECT count(*) FROM mcp_connections")).isEqualTo("3\n");
            Cli.Result verify = asUser("db", "verify");
            assertThat(verify.code()).as(verify.toString()).isZero();
        }
    }

    /** A device is no database, for reading commands too: refused for what it is. */
    @Test
    void aDeviceIsRefusedForWhatItIs() throws Exception {
        for (String command : new String[] {"current", "upgrade"}) {
            Cli.Result result = asUser("--db", "/dev/null", "db", command);

            assertThat(result.code()).as(result.toString()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(result.err()).isEqualTo("mcpconn: Cannot use the SQLite database /dev/null: the path is a"
                    + " character device, not a database file. Fix: pass the path of a regular file (or of one to be"
                    + " created)\n");
        }
    }

    private Cli.Result asUser(String... args) throws Exception {
        String[] withDb = args.length > 0 && args[0].equals("--db") ? args
                : Stream.concat(Stream.of("--db", file.toString()), Stream.of(args)).toArray(String[]::new);
        return Jar.runUnprivileged(directory, directory, withDb);
    }

    private static String user() {
        return "root".equals(System.getProperty("user.name")) ? "nobody" : System.getProperty("user.name");
    }
}
