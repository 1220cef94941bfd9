package io.mcpconn.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.testkit.servers.FreePorts;
import io.mcpconn.testkit.servers.Processes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

    @Test
    void theSharedServerRunsTheInstalledVersion() {
        var server = PostgresServer.shared();
        var installed = ChildProcess.run(List.of(server.binDirectory().resolve("initdb").toString(), "--version"),
                ChildProcess.environment(Map.of()), server.directory(), ChildProcess.LIMIT).stdout().strip();
        // "initdb (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        var version = Pattern.compile("\\(PostgreSQL\\) (\\S+)").matcher(installed).results().findFirst().orElseThrow().group(1);

        assertThat(server.psql("postgres", "select version()")).startsWith("PostgreSQL " + version + " ");
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.user()).isEqualTo("postgres");
        assertThat(server.jdbcUrl("some_db")).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/some_db");
        assertThat(PostgresServer.shared()).isSameAs(server);
    }

    @Test
    void createDatabaseGivesDistinctUsableDatabases() {
        var server = PostgresServer.shared();
        var first = server.createDatabase("Server-Test");
        var second = server.createDatabase("Server-Test");

        assertThat(first).isNotEqualTo(second).matches(IDENTIFIER).startsWith("server_test_");
        assertThat(second).matches(IDENTIFIER).startsWith("server_test_");
        assertThat(server.psql(first, "select current_database()")).isEqualTo(first);
        server.psql(first, "create table t (v text)");
        server.psql(first, "insert into t values ('a'), ('b')");
        assertThat(server.psql(first, "select v from t order by v")).isEqualTo("a\nb");
        assertThat(server.psql(second, "select count(*) from pg_tables where tablename = 't'")).isEqualTo("0");

        server.dropDatabase(first);
        server.dropDatabase(second);
        assertThat(server.psql("postgres", "select count(*) from pg_database where datname in ('" + first + "', '" + second + "')"))
                .isEqualTo("0");
    }

    @Test
    void dropDatabaseEndsTheSessionsStillInIt() throws Exception {
        var server = PostgresServer.shared();
        var name = server.createDatabase("busy");
        var builder = new ProcessBuilder(server.binDirectory().resolve("psql").toString(), "-X", "-h", server.host(),
                "-p", Integer.toString(server.port()), "-U", server.user(), "-d", name, "-c", "select pg_sleep(60)")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(ChildProcess.environment(Map.of("PGPASSWORD", server.password())));
        var session = builder.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!server.psql("postgres", "select count(*) from pg_stat_activity where datname = '" + name + "'").equals("1")) {
                assertThat(System.nanoTime()).as("the session shows in pg_stat_activity").isLessThan(deadline);
                Thread.sleep(20);
            }

            server.dropDatabase(name);

            assertThat(session.waitFor(10, TimeUnit.SECONDS)).as("the session was ended").isTrue();
            assertThat(server.psql("postgres", "select count(*) from pg_database where datname = '" + name + "'")).isEqualTo("0");
        } finally {
            session.destroyForcibly();
        }
    }

    @Test
    void theSuperuserNeedsThePassword() throws IOException {
        var server = PostgresServer.shared();

        var wrong = psqlWith(server, Map.of("PGPASSWORD", "not-" + server.password(), "PGPASSFILE", "/nonexistent"));
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stderr()).contains("password authentication failed for user \"postgres\"");

        var none = psqlWith(server, Map.of("PGPASSFILE", "/nonexistent"));
        assertThat(none.exitCode()).isNotZero();
        assertThat(none.stderr()).contains("no password supplied");

        var right = psqlWith(server, Map.of("PGPASSWORD", server.password(), "PGPASSFILE", "/nonexistent"));
        assertThat(right.stdout().strip()).as(right.describe()).isEqualTo("1");
    }

    @Test
    void thePassFileLetsAClientIn() throws IOException {
        var server = PostgresServer.shared();

        assertThat(Files.readString(server.passFile()))
                .isEqualTo("127.0.0.1:" + server.port() + ":*:postgres:" + server.password() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.passFile()))).isEqualTo("rw-------");
        var viaFile = psqlWith(server, Map.of("PGPASSFILE", server.passFile().toString()));
        assertThat(viaFile.stdout().strip()).as(viaFile.describe()).isEqualTo("1");
    }

    @Test
    void aStartedServerStopsTwiceAndLeavesNothing() throws IOException {
        var server = PostgresServer.start();
        var directory = server.directory();
        var port = server.port();
        assertThat(server.psql("postgres", "select 1")).isEqualTo("1");
        assertThat(server.port()).isNotEqualTo(PostgresServer.shared().port());
        assertThat(server.password()).matches("[A-Za-z0-9]{32}").isNotEqualTo(PostgresServer.shared().password());

        server.stop();
        server.stop();
        server.close();

        assertThat(directory).doesNotExist();
        assertThat(accepts(port)).as("something still listens on " + port).isFalse();
        assertThat(serverProcessesOf(directory)).isEmpty();
        assertThat(server.running()).isFalse();
        assertThatThrownBy(() -> server.psql("postgres", "select 1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
    }

    @Test
    void theSharedServerIsNotForTestsToStop() {
        var server = PostgresServer.shared();

        assertThatThrownBy(server::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("PostgresServer.start()");
        assertThat(server.psql("postgres", "select 1")).isEqualTo("1");
    }

    @Test
    void aFailingCommandThrowsWithPsqlsError() {
        var server = PostgresServer.shared();

        assertThatThrownBy(() -> server.psql("postgres", "select * from no_such_table"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("relation \"no_such_table\" does not exist")
                .hasMessageContaining("exited with code")
                .hasMessageNotContaining(server.password());
    }

    @Test
    void aTakenPortIsRetriedWithAnother() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var calls = new AtomicInteger();
            try (var server = PostgresServer.start(PostgresBinaries.find(),
                    () -> calls.getAndIncrement() == 0 ? taken.getLocalPort() : FreePorts.any(), false)) {
                assertThat(calls).hasValue(2);
                assertThat(server.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(server.psql("postgres", "select 1")).isEqualTo("1");
            }
        }
    }

    @Test
    void aPortTakenThreeTimesFailsWithTheServersLogAndLeavesNoDirectory() throws IOException {
        var before = clusterDirectories();
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var calls = new AtomicInteger();

            assertThatThrownBy(() -> PostgresServer.start(PostgresBinaries.find(), () -> {
                calls.incrementAndGet();
                return taken.getLocalPort();
            }, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pg_ctl")
                    .hasMessageContaining("exited with code 1")
                    .hasMessageContaining("Address already in use");
            assertThat(calls).hasValue(3);
        }
        assertThat(clusterDirectories()).isSubsetOf(before);
    }

    @Test
    void aFailingInitdbIsReportedWithTheTailOfItsOutput() throws IOException {
        var before = clusterDirectories();
        // Not a @TempDir: that is root's own (0700), and under root initdb runs as postgres, who must reach it.
        var bin = Files.createTempDirectory("mcpconn-fake-pg-");
        try {
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            script(bin.resolve("initdb"), "for i in $(seq 1 40); do echo \"line $i\"; done; echo 'disk on fire' >&2; exit 3");
            script(bin.resolve("pg_ctl"), "exit 0");
            script(bin.resolve("psql"), "exit 0");
            var binaries = PostgresBinaries.find(Map.of(PostgresBinaries.VARIABLE, bin.toString()), bin);

            assertThatThrownBy(() -> PostgresServer.start(binaries, FreePorts::any, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(bin.resolve("initdb") + " -D ")
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("line 40")
                    .hasMessageContaining("disk on fire")
                    .hasMessageNotContaining("line 10\n");
            assertThat(clusterDirectories()).isSubsetOf(before);
        } finally {
            try (Stream<Path> files = Files.walk(bin)) {
                for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void missingBinariesSayHowToInstallThem(@TempDir Path empty) {
        assertThatThrownBy(() -> PostgresBinaries.find(Map.of("PATH", empty.toString()), empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initdb")
                .hasMessageContaining("pg_ctl")
                .hasMessageContaining("apt-get install -y postgresql-15");
    }

    @Test
    void databaseNamesAreLowerCaseIdentifiersOfAtMost63Bytes() {
        assertThat(PostgresServer.databaseName("Mixed-Case Name", 7)).isEqualTo("mixed_case_name_7");
        assertThat(PostgresServer.databaseName("", 1)).isEqualTo("db_1");
        assertThat(PostgresServer.databaseName("1st", 2)).isEqualTo("db_1st_2");
        assertThat(PostgresServer.databaseName("é", 3)).isEqualTo("__3");
        assertThat(PostgresServer.databaseName("x".repeat(100), 12345)).hasSize(63).endsWith("x_12345").matches(IDENTIFIER);
    }

    private static ChildProcess.Outcome psqlWith(PostgresServer server, Map<String, String> environment) {
        return ChildProcess.run(List.of(server.binDirectory().resolve("psql").toString(), "-X", "-At", "-w", "-h", server.host(),
                "-p", Integer.toString(server.port()), "-U", server.user(), "-d", "postgres", "-c", "select 1"),
                ChildProcess.environment(environment), server.directory(), ChildProcess.LIMIT);
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> serverProcessesOf(Path directory) {
        return ProcessHandle.allProcesses().filter(Processes::running)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(directory.toString()))
                .collect(Collectors.toList());
    }

    private static Set<Path> clusterDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/tmp"))) {
            return entries.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("mcpconn-pg-"))
                    .collect(Collectors.toSet());
        }
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
