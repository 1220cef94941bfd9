package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.OSInfo;

/**
 * An upgrade whose writes fail as on a full disk, through the packaged jar: no line says a
 * migration is done before its transaction commits, the failure ends the open line saying that all
 * was rolled back, one clear error follows, and no library prints a stack trace unless
 * {@code MCPCONN_DEBUG=1}.
 *
 * <p>The disk is "full" through a file size limit on the process ({@code prlimit --fsize}), so
 * nothing is mounted: every write past the limit fails, as on a file system with no room left
 * (SQLite then reports an I/O error where a real full disk gives SQLITE_FULL; both are explained
 * as a failed write). The limit sits below what the upgrade writes to the WAL at its commit, and
 * above everything the JVM writes on its own; sqlite-jdbc's native library is extracted beforehand,
 * because the driver would otherwise write it to the temporary directory, past the limit.
 */
class DiskFullIT {

    /** Far below the WAL the upgrade of {@link #ROWS} rows writes, far above what a JVM writes on its own. */
    private static final long FILE_SIZE_LIMIT = 300_000;
    /**
     * Few enough that the table and every index the migrations build (V5 builds four) stay within
     * SQLite's 2 MB page cache until the commit: a cache that spills writes the WAL, and fails,
     * while a migration is still applying.
     */
    private static final int ROWS = 3_000;

    @TempDir
    Path directory;

    private Path file;
    private List<String> jvmOptions;

    @BeforeEach
    void aDatabaseAtV1WithRows() throws Exception {
        file = directory.resolve("tmws.db");
        assertThat(Jar.run(directory, "--db", file.toString(), "db", "upgrade", "--target", "1").code()).isZero();
        Random random = new Random(20251112L);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO mcp_connections (id, server_name,"
                        + " namespace, agent_id, config_json) VALUES (?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                insert.setString(1, String.format("%036d", i));
                insert.setString(2, "server-" + i);
                insert.setString(3, "ns-" + random.nextInt(20));
                insert.setString(4, "agent-" + random.nextInt(5));
                insert.setString(5, "{\"server_name\": \"server-" + i + "\", \"url\": \"http://localhost/"
                        + Long.toHexString(random.nextLong()) + "\"}");
                insert.executeUpdate();
            }
            connection.commit();
        }
        jvmOptions = nativeLibraryOutsideTheLimit();
    }

    @Test
    void aFailingCommitSaysNothingWasDoneThenOneErrorWithoutStackTraces() throws Exception {
        Cli.Result result = upgradeUnderTheLimit(false);

        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.out()).as(result.toString())
                .contains("applying V2 add version and unique server name … ran (")
                .doesNotContain("done")
                .endsWith("committing the upgrade to V" + SchemaMigrator.head() + " … failed, all rolled back; the"
                        + " database stays at version 1\n");
        assertThat(result.err()).as(result.toString())
                .startsWith("mcpconn: Cannot use the SQLite database " + file + ": a read or write of the disk failed")
                .contains("Fix: free space on the file system holding " + directory)
                .doesNotContain("\tat ").doesNotContain("Exception")
                .hasLineCount(1);
        assertThat(SeedDatabases.query(file, "SELECT max(version) || ' ' || count(*) FROM flyway_schema_history"))
                .isEqualTo("1 1\n");
        assertThat(SeedDatabases.query(file, "SELECT count(*) FROM mcp_connections")).isEqualTo(ROWS + "\n");
        Cli.Result verify = new Cli(directory).run("--db", file.toString(), "db", "verify");
        assertThat(verify.code()).as(verify.toString()).isZero();
    }

    @Test
    void withMcpconnDebugTheLibrariesStackTracesAreShown() throws Exception {
        Cli.Result result = upgradeUnderTheLimit(true);

        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.out()).contains("mcpconn: error (org.flywaydb.").contains("\tat org.flywaydb.");
    }

    private Cli.Result upgradeUnderTheLimit(boolean debug) throws Exception {
        ProcessBuilder builder = Jar.builder(List.of(prlimit().toString(), "--fsize=" + FILE_SIZE_LIMIT), jvmOptions,
                directory, "--db", file.toString(), "db", "upgrade", "--no-backup");
        builder.environment().remove("MCPCONN_DEBUG");
        if (debug) {
            builder.environment().put("MCPCONN_DEBUG", "1");
            // The stack traces go to stderr; the test reads both streams as one, in order.
            builder.redirectErrorStream(true);
        }
        return Jar.finish(builder, directory);
    }

    private List<String> nativeLibraryOutsideTheLimit() throws Exception {
        String folder = "org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS();
        Path library = Files.createDirectories(directory.resolve("native"));
        try (InputStream in = OSInfo.class.getClassLoader().getResourceAsStream(folder + "/libsqlitejdbc.so")) {
            if (in == null) {
                fail("sqlite-jdbc ships no native library under " + folder);
            }
            Files.copy(in, library.resolve("libsqlitejdbc.so"));
        }
        return List.of("-Dorg.sqlite.lib.path=" + library, "-Dorg.sqlite.lib.name=libsqlitejdbc.so");
    }

    private static Path prlimit() {
        return Stream.of("/usr/bin/prlimit", "/bin/prlimit").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseGet(() -> fail("This test limits the file size of the process to fail its writes as on a full"
                        + " disk; it needs prlimit from util-linux (Debian/Ubuntu: apt-get install util-linux)."));
    }
}
