package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.servers.ServerEverything;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command in separate processes: what a user runs, and what only processes can show. */
class McpconnJarIT {

    @TempDir
    Path directory;

    /** The README's main job: the first line of the sh block under "## Set up", up to its comment. */
    private static String readmeMainJob() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int setUp = readme.indexOf("\n## Set up\n");
        assertThat(setUp).as("README.md has a \"## Set up\" section").isNotNegative();
        int block = readme.indexOf("```sh\n", setUp);
        assertThat(block).as("the Set up section has a ```sh block").isNotNegative();
        String line = readme.substring(block + "```sh\n".length(), readme.indexOf('\n', block + "```sh\n".length()));
        String job = (line.contains("#") ? line.substring(0, line.indexOf('#')) : line).strip();
        assertThat(job).as("the main job runs ./mcpconn").startsWith("./mcpconn ");
        return job;
    }

    /**
     * The README's main job, read from the README and run as written, with {@code ./mcpconn} being
     * the packaged jar: it registers MCP's reference server (fetched by npx), connects it, stores its
     * tools, calls {@code echo}, prints only what the README promises, and leaves no process behind.
     * Run again, it changes nothing it should not.
     */
    @Test
    void theReadmesMainJobRegistersConnectsAndCallsTheReferenceServerAndLeavesNothingRunning(@TempDir Path scratch)
            throws Exception {
        assumeTrue(Processes.supported(), "needs Linux /proc to find the processes a run started");
        String job = readmeMainJob();
        Matcher add = Pattern.compile("\\./mcpconn connections add (\\S+) --stdio \"([^\"]+)\"").matcher(job);
        assertThat(add.find()).as(job).isTrue();
        String name = add.group(1);
        String stdio = add.group(2);
        ProcessBuilder shell = new ProcessBuilder("sh", "-c", job.replace("./mcpconn", Jar.shellCommand()))
                .directory(directory.toFile());

        Cli.Result first;
        Set<String> seen;
        // npx downloads the server into npm's cache on first use.
        try (Processes.Watch watch = Processes.watch(directory, "server-everything")) {
            first = Jar.finish(shell, scratch, Duration.ofMinutes(3));
            seen = watch.seen();
        }
        System.out.println("--- the README's main job (" + job + "), first run, exit " + first.code() + ", stdout:\n"
                + first.out() + "--- stderr:\n" + first.err() + "---");

        assertThat(first.code()).as(first.toString()).isZero();
        String connecting = Pattern.quote("connecting " + name + " (stdio: " + stdio + ") … connected in ")
                + "\\d+\\.\\d s, ";
        String server = " tools \\([^()\\n]+\\)\\n";
        String closing = Pattern.quote("closing the session (a command-line process keeps none) … closed\n");
        Matcher out = Pattern.compile(Pattern.quote("registered " + name + " (stdio: " + stdio + ") for agent cli in"
                        + " namespace default; connect it with: mcpconn connections connect " + name + "\n")
                + connecting + "(\\d+)" + server
                + closing
                + Pattern.quote(name + " is DISCONNECTED with ") + "\\1"
                + Pattern.quote(" tools stored (list them with: mcpconn connections tools " + name + ")\n")
                + connecting + "\\1" + server
                + closing
                + Pattern.quote("Echo: hello\n")).matcher(first.out());
        assertThat(out.matches()).as(first.toString()).isTrue();
        int tools = Integer.parseInt(out.group(1));
        assertThat(tools).isGreaterThanOrEqualTo(10);
        // No library logs, no JDK warning (sqlite-jdbc's native access), nothing from the server or npx: only
        // the note that the key sealing the database's secrets was created, once.
        Path keyFile = directory.resolve("data/tmws.db.key");
        assertThat(first.err()).as(first.toString()).isEqualTo("mcpconn: note: created " + keyFile + " (owner-only): the"
                + " key that seals the api keys, URL credentials and environment values stored in "
                + directory.resolve("data/tmws.db") + ". Keep it, and back it up apart from the database: without it"
                + " they cannot be read\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");

        // The server itself (npx runs node .../.bin/mcp-server-everything), not only the commands naming it.
        assertThat(seen).as("the server ran in the job's directory (else a server left behind could not be seen)")
                .anyMatch(process -> process.contains("mcp-server-everything stdio"));
        assertThat(Processes.runningIn(directory)).as("processes the job started that outlived it").isEmpty();

        Path database = directory.resolve("data/tmws.db");
        assertThat(SeedDatabases.query(database, "SELECT server_name || ' ' || status || ' '"
                + " || json_array_length(tools_json) FROM mcp_connections")).isEqualTo(name + " disconnected " + tools + "\n");
        assertThat(SeedDatabases.query(database, "SELECT count(*) FROM mcp_connections, json_each(tools_json)"
                + " WHERE json_extract(json_each.value, '$.name') = 'echo'")).isEqualTo("1\n");
        assertThat(SeedDatabases.query(database, "SELECT count(*) FROM mcp_session_leases")).isEqualTo("0\n");
        Cli.Result verify = Jar.finish(Jar.builder(directory, "db", "verify"), scratch);
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out()).endsWith("verify: all 12 checks passed\n");
        assertThat(verify.err()).as(verify.toString()).isEmpty();

        Cli.Result again = Jar.finish(shell, scratch, Duration.ofMinutes(3));
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).startsWith(name + " is already registered with this configuration; nothing changed\n")
                .endsWith("Echo: hello\n");
        assertThat(again.err()).as(again.toString()).isEmpty();
        assertThat(SeedDatabases.query(database, "SELECT count(*) FROM mcp_connections")).isEqualTo("1\n");
        assertThat(Processes.runningIn(directory)).as("processes the second run started that outlived it").isEmpty();
    }

    /** A command's stdio server, and every process it started, ends with the command (README: no child outlives it). */
    @Test
    void aStdioServerConnectedThroughTheJarEndsWithTheCommand(@TempDir Path scratch) throws Exception {
        assumeTrue(Processes.supported(), "needs Linux /proc to find the processes a run started");
        String stdio = ServerEverything.stdioCommand().stream().map(word -> "'" + word + "'")
                .collect(Collectors.joining(" "));
        Cli.Result added = Jar.finish(Jar.builder(directory, "connections", "add", "everything", "--stdio", stdio), scratch);
        assertThat(added.code()).as(added.toString()).isZero();

        Cli.Result connect;
        Set<String> seen;
        try (Processes.Watch watch = Processes.watch(directory, "server-everything")) {
            connect = Jar.finish(Jar.builder(directory, "connections", "connect", "everything"), scratch);
            seen = watch.seen();
        }

        assertThat(connect.code()).as(connect.toString()).isZero();
        assertThat(connect.out()).contains("closing the session (a command-line process keeps none) … closed\n");
        assertThat(seen).as("the server ran in the command's directory (else one left behind could not be seen)")
                .anyMatch(process -> process.contains(ServerEverything.entryPoint().toString()));
        assertThat(Processes.runningIn(directory)).as("processes the command started that outlived it").isEmpty();
        assertThat(SeedDatabases.query(directory.resolve("data/tmws.db"), "SELECT count(*) FROM mcp_session_leases"))
                .isEqualTo("0\n");
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
            assertThat(idle.out()).containsAnyOf("already at " + SchemaMigrator.head(), "nothing was left to do");
            Cli.Result history = Jar.run(round_, "--db", file.toString(), "--json", "db", "history");
            assertThat(history.out()).contains("\"state\" : \"applied\"").doesNotContain("pending");
            assertThat(SeedDatabases.query(file, "SELECT count(*) FROM flyway_schema_history"))
                    .isEqualTo(SchemaMigrator.shipped().size() + "\n");
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
                + ": the directory " + data + " belongs to " + Files.getOwner(data).getName() + " (group ")
                .contains("mode 755), and this user (").contains(" may not write it")
                .doesNotContain("chmod 755");
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
        assertThat(result.err()).startsWith("mcpconn: Cannot use the SQLite database " + file + ": the file " + file
                + " belongs to " + Files.getOwner(file).getName() + " (group ")
                .contains("mode 444), and this user (").contains("may not write it. Fix: run as ")
                .doesNotContain("chmod 644");
    }

    private static Process start(Path directory, String name, Path file) throws Exception {
        return Jar.builder(directory, "--db", file.toString(), "db", "upgrade")
                .redirectOutput(directory.resolve(name + ".out").toFile())
                .redirectError(directory.resolve(name + ".err").toFile())
                .start();
    }
}
