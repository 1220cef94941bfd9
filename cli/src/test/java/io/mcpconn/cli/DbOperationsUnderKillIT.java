package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db upgrade}, {@code db downgrade}, {@code db backup} and {@code db restore}, run through the
 * packaged jar on a generated database big enough that a kill lands mid-operation, are killed with
 * SIGKILL at random moments: afterwards the database is wholly at the old version or the new one,
 * {@code db verify} passes, not a row is lost, and every file under a backup's final name is
 * complete (it opens, {@code integrity_check} is ok, it has every row). What the killed copies left
 * is named as incomplete, and the next backup removes it. Seeded ({@code -Dmcpconn.seed=N}); the
 * seed and the counts are printed. {@code -Dmcpconn.kill.ops=upgrade,backup} runs some operations only.
 */
class DbOperationsUnderKillIT {

    private static final int ROWS = 60_000;
    // Each operation is killed 8 times at a random point, restore 4 times: 28 kills in about a minute.
    private static final int KILLS_PER_OPERATION = 8;
    private static final int KILLS_OF_RESTORE = 4;
    private static final String HEAD = SchemaMigrator.head();
    private static final Pattern FINAL_COPY = Pattern.compile("tmws\\.db\\.(backup|replaced)-\\d{8}_\\d{6}(-\\d+)?");

    @TempDir
    static Path shared;

    private static long seed;
    private static Path atV1;
    private static Path atHead;

    /** One operation: the database it starts from, its arguments, the versions it goes between, the line it starts with. */
    private record Operation(String name, int kills, Path before, String oldVersion, String newVersion, String marker,
            String... args) {
    }

    @BeforeAll
    static void generatedDatabases() throws Exception {
        seed = Long.getLong("mcpconn.seed", System.nanoTime());
        System.out.println("DbOperationsUnderKillIT seed " + seed + " (replay with -Dmcpconn.seed=" + seed + ")");
        atV1 = shared.resolve("v1.db");
        Cli.Result created = Jar.run(shared, "--db", atV1.toString(), "db", "upgrade", "--target", "1", "--no-backup");
        assertThat(created.code()).as(created.toString()).isZero();
        Random random = new Random(seed);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + atV1);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO mcp_connections (id, server_name,"
                        + " namespace, agent_id, status, config_json, tools_json) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            String[] statuses = {"disconnected", "active", "error", "connecting"};
            for (int i = 0; i < ROWS; i++) {
                insert.setString(1, new java.util.UUID(random.nextLong(), random.nextLong()).toString());
                insert.setString(2, "server-" + i);
                insert.setString(3, "ns-" + random.nextInt(40));
                insert.setString(4, "agent-" + random.nextInt(9));
                insert.setString(5, statuses[random.nextInt(statuses.length)]);
                insert.setString(6, "{\"server_name\": \"server-" + i + "\", \"url\": \"http://localhost:"
                        + (3000 + random.nextInt(1000)) + "/mcp\", \"timeout\": 30, \"retry_attempts\": 3,"
                        + " \"auth_required\": false, \"api_key\": null}");
                insert.setString(7, "[{\"name\": \"t" + i + "\", \"description\": \"" + "d".repeat(random.nextInt(900))
                        + "\"}]");
                insert.executeUpdate();
            }
            connection.commit();
        }
        atHead = shared.resolve("head.db");
        Files.copy(atV1, atHead);
        assertThat(new Cli(shared).run("--db", atHead.toString(), "db", "upgrade", "--no-backup").code()).isZero();
    }

    @Test
    void killedOperationsLeaveTheDatabaseAtTheOldOrTheNewVersionAndNoIncompleteBackupUnderAFinalName()
            throws Exception {
        List<Operation> operations = List.of(
                new Operation("upgrade", KILLS_PER_OPERATION, atV1, "1", HEAD, "backing up to ", "db", "upgrade"),
                new Operation("downgrade", KILLS_PER_OPERATION, atHead, HEAD, "1", "backing up to ", "db", "downgrade", "--target", "1"),
                new Operation("backup", KILLS_PER_OPERATION, atHead, HEAD, HEAD, "backing up to ", "db", "backup"),
                new Operation("restore", KILLS_OF_RESTORE, atHead, HEAD, "1", "checking ", "db", "restore", atV1.toString()));
        List<String> chosen = Arrays.asList(System.getProperty("mcpconn.kill.ops",
                "upgrade,downgrade,backup,restore").split(","));
        Random random = new Random(seed);
        long started = System.nanoTime();
        StringBuilder report = new StringBuilder();
        int kills = 0;
        for (Operation operation : operations) {
            if (!chosen.contains(operation.name())) {
                continue;
            }
            Path calibration = Files.createDirectories(shared.resolve(operation.name() + "-calibration"));
            long window = runAndKill(operation, calibration, -1).millisAfterMarker();
            check(operation, calibration, true);
            int mid = 0;
            int finished = 0;
            int atOld = 0;
            int leftovers = 0;
            int finalCopies = 0;
            Path withLeftovers = null;
            for (int round = 0; round < operation.kills(); round++) {
                Path directory = Files.createDirectories(shared.resolve(operation.name() + "-" + round));
                Run run = runAndKill(operation, directory, (long) (random.nextDouble() * window * 1.2));
                kills++;
                finished += run.finished() ? 1 : 0;
                mid += run.finished() ? 0 : 1;
                Check result = check(operation, directory, run.finished());
                atOld += result.atOld() ? 1 : 0;
                finalCopies += result.finalCopies();
                leftovers += result.leftovers();
                if (result.leftovers() > 0) {
                    withLeftovers = directory;
                }
            }
            int cleaned = 0;
            if (withLeftovers != null) {
                Path leftoverDirectory = withLeftovers;
                Cli.Result next = new Cli(leftoverDirectory).run("--db", leftoverDirectory.resolve("tmws.db").toString(),
                        "db", "backup");
                assertThat(next.code()).as(next.toString()).isZero();
                assertThat(partials(leftoverDirectory)).as("the next backup removed what the killed ones left").isEmpty();
                cleaned = (int) next.out().lines().filter(line -> line.startsWith("removing ")).count();
            }
            report.append(String.format("  %-9s %d kills at random within %d ms of its first line (an unkilled run"
                    + " took %d ms): %d mid-operation, %d after it"
                    + " finished; database at the old version %d times, at the new one %d times; %d complete copies"
                    + " under final names checked; %d incomplete leftovers, %d removed by the next backup%n",
                    operation.name(), operation.kills(), window * 6 / 5, window, mid, finished, atOld, operation.kills() - atOld,
                    finalCopies, leftovers, cleaned));
        }
        System.out.printf("DbOperationsUnderKillIT: %d kills on a database of %d rows, 0 lost rows, 0 incomplete"
                + " files under a final name, %d s%n%s", kills, ROWS,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), report);
        assertThat(kills).isPositive();
    }

    /** What one run did: whether it ended by itself before the kill, and how long it worked after its first line. */
    private record Run(boolean finished, long millisAfterMarker) {
    }

    /** Runs the operation's command in {@code directory} on a fresh copy; kills it {@code killAfter} ms after its marker. */
    private static Run runAndKill(Operation operation, Path directory, long killAfter) throws Exception {
        Path file = directory.resolve("tmws.db");
        Files.copy(operation.before(), file, StandardCopyOption.REPLACE_EXISTING);
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        List<String> args = new ArrayList<>(List.of("--db", file.toString()));
        args.addAll(List.of(operation.args()));
        Process process = Jar.builder(directory, args.toArray(String[]::new))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains(operation.marker()) && process.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long marked = System.nanoTime();
        if (killAfter < 0) {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(operation.name() + " did not finish within 2 minutes");
            }
            assertThat(process.exitValue()).as(Files.readString(out) + Files.readString(err)).isZero();
            return new Run(true, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - marked));
        }
        boolean finished = process.waitFor(killAfter, TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
            process.waitFor();
        } else {
            assertThat(process.exitValue()).as(Files.readString(out) + Files.readString(err)).isZero();
        }
        return new Run(finished, killAfter);
    }

    /** What was found after a run. */
    private record Check(boolean atOld, int finalCopies, int leftovers) {
    }

    private static Check check(Operation operation, Path directory, boolean finished) throws Exception {
        Path file = directory.resolve("tmws.db");
        String context = operation.name() + " in " + directory + " (seed " + seed + "), which printed:\n"
                + Files.readString(directory.resolve("out.txt")) + Files.readString(directory.resolve("err.txt"));
        // Read-only first, as a user inspecting what the kill left would: db verify.
        Cli.Result verify = new Cli(directory).run("--db", file.toString(), "db", "verify");
        assertThat(verify.code()).as("db verify after %s:%n%s%n%s", operation.name(), context, verify).isZero();
        String version = SeedDatabases.query(file, "SELECT coalesce(max(CAST(version AS INTEGER)), 0) FROM"
                + " flyway_schema_history WHERE success = 1").strip();
        assertThat(version).as("the version after %s", context).isIn(operation.oldVersion(), operation.newVersion());
        if (finished) {
            assertThat(version).as("a finished %s", context).isEqualTo(operation.newVersion());
        }
        assertThat(SeedDatabases.query(file, "SELECT count(*) FROM mcp_connections")).as("rows after %s", context)
                .isEqualTo(ROWS + "\n");
        int copies = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path copy : files.filter(path -> FINAL_COPY.matcher(path.getFileName().toString()).matches()).toList()) {
                copies++;
                assertThat(Path.of(copy + "-journal")).as("no journal beside %s after %s", copy, context)
                        .doesNotExist();
                assertThat(SeedDatabases.query(copy, "PRAGMA integrity_check")).as("%s after %s", copy, context)
                        .isEqualTo("ok\n");
                assertThat(SeedDatabases.query(copy, "SELECT count(*) FROM mcp_connections"))
                        .as("rows of %s after %s", copy, context).isEqualTo(ROWS + "\n");
            }
        }
        return new Check(version.equals(operation.oldVersion()) && !operation.oldVersion().equals(operation.newVersion()),
                copies, partials(directory).size());
    }

    private static List<Path> partials(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().contains(".incomplete")).toList();
        }
    }
}
