package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command in separate processes: what a user runs, and what only processes can show. */
class McpconnJarIT {

    @TempDir
    Path directory;

    @Test
    void theReadmesMainJobUpgradesThenVerifiesTheDefaultDatabaseQuietly() throws Exception {
        Cli.Result upgrade = Jar.run(directory, "db", "upgrade");
        Cli.Result verify = Jar.run(directory, "db", "verify");

        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).startsWith("database  " + directory.resolve("data/tmws.db") + " (default)\n")
                .endsWith("upgraded base -> 2 (applied 1, 2)\n");
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out()).endsWith("verify: all 8 checks passed\n");
        // No library logs, no JDK warning about sqlite-jdbc's native access.
        assertThat(upgrade.err()).as(upgrade.toString()).isEmpty();
        assertThat(verify.err()).as(verify.toString()).isEmpty();
    }

    /** Two processes race an upgrade of a new database: one migrates, the other waits and finds nothing to do. */
    @Test
    void twoProcessesRacingAnUpgradeMigrateOnce() throws Exception {
        for (int round = 0; round < 2; round++) {
            Path round_ = Files.createDirectories(directory.resolve("round-" + round));
            Path file = round_.resolve("tmws.db");
            Process first = start(round_, "a", file);
            Process second = start(round_, "b", file);
            Cli.Result a = Jar.await(first, round_.resolve("a.out"), round_.resolve("a.err"));
            Cli.Result b = Jar.await(second, round_.resolve("b.out"), round_.resolve("b.err"));

            assertThat(a.code()).as(a.toString()).isZero();
            assertThat(b.code()).as(b.toString()).isZero();
            assertThat(Stream.of(a, b).filter(r -> r.out().contains("applying V1")).count())
                    .as("exactly one process applies the migrations:\n%s\n%s", a, b).isOne();
            Cli.Result idle = a.out().contains("applying V1") ? b : a;
            assertThat(idle.out()).containsAnyOf("already at 2", "nothing was left to do");
            Cli.Result history = Jar.run(round_, "--db", file.toString(), "--json", "db", "history");
            assertThat(history.out()).contains("\"state\" : \"applied\"").doesNotContain("pending");
            assertThat(SeedDatabases.query(file, "SELECT count(*) FROM flyway_schema_history")).isEqualTo("2\n");
            assertThat(Jar.run(round_, "--db", file.toString(), "db", "verify").code()).isZero();
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsWaitedForThenNamed() throws Exception {
        Path file = directory.resolve("tmws.db");
        assertThat(Jar.run(directory, "--db", file.toString(), "db", "upgrade", "--target", "1").code()).isZero();
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");

            Cli.Result locked = Jar.run(directory, "--db", file.toString(), "--busy-timeout", "0.5", "db", "upgrade");

            assertThat(locked.code()).as(locked.toString()).isEqualTo(ExitCode.LOCKED);
            assertThat(locked.err()).startsWith("mcpconn: The SQLite database " + file + " is locked")
                    .contains("Fix: stop other programs using it")
                    .contains("Open in: pid " + ProcessHandle.current().pid())
                    .doesNotContain("\tat ");
            statement.execute("ROLLBACK");
        }
        assertThat(Jar.run(directory, "--db", file.toString(), "db", "current").out()).contains("current  1 ");
    }

    @Test
    void anUnwritableDataDirectoryIsExplainedWithThePathAndTheFix() throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectories(directory.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        Cli.Result result = Jar.runUnprivileged(directory, directory, "db", "upgrade");

        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.err()).startsWith("mcpconn: Cannot use the SQLite database " + data.resolve("tmws.db")
                + ": the directory " + data + " is not writable").contains("Fix: chmod 755 " + data);
        assertThat(data.resolve("tmws.db")).doesNotExist();
    }

    @Test
    void aReadOnlyDatabaseFileIsExplainedWithThePathAndTheFix() throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectories(directory.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = data.resolve("tmws.db");
        assertThat(Jar.run(directory, "db", "upgrade").code()).isZero();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        Cli.Result result = Jar.runUnprivileged(directory, directory, "db", "downgrade", "-1");

        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.err()).isEqualTo("mcpconn: Cannot use the SQLite database " + file + ": the file is"
                + " read-only for this user. Fix: chmod 644 " + file + " (as its owner, or chown it to the user"
                + " running mcpconn)\n");
    }

    private static Process start(Path directory, String name, Path file) throws Exception {
        return Jar.builder(directory, "--db", file.toString(), "db", "upgrade")
                .redirectOutput(directory.resolve(name + ".out").toFile())
                .redirectError(directory.resolve(name + ".err").toFile())
                .start();
    }
}
