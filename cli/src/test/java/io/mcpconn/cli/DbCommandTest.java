package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.infrastructure.sqlite.migration.ShippedMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the real entry point, on real SQLite files; one test per step of the seed's procedure. */
class DbCommandTest {

    /**
     * The newest migration this build ships. Expectations about "up to head" follow it, so that a new
     * migration does not break them; {@link #historyListsAppliedAndPendingWithTheirChecksums} pins it.
     */
    private static final String HEAD = SchemaMigrator.head();

    /** The checks {@code db verify} runs on a database at head. */
    private static final int CHECKS_AT_HEAD = 12;

    @TempDir
    Path directory;

    /** The shipped versions above {@code version} ({@code base} for all), oldest first: "2, 3". */
    private static String versionsAbove(String version) {
        return SchemaMigrator.shipped().stream().map(ShippedMigration::version)
                .filter(v -> version.equals(SchemaMigrator.BASE) || Integer.parseInt(v) > Integer.parseInt(version))
                .collect(Collectors.joining(", "));
    }

    /** The same, newest first, as a downgrade undoes them: "3, 2, 1". */
    private static String versionsAboveNewestFirst(String version) {
        List<String> versions = new ArrayList<>(List.of(versionsAbove(version).split(", ")));
        Collections.reverse(versions);
        return String.join(", ", versions);
    }

    /** How the command names a version: "3 (add session leases)". */
    private static String described(ShippedMigration migration) {
        return migration.version() + " (" + migration.description() + ")";
    }

    private static String headDescribed() {
        List<ShippedMigration> shipped = SchemaMigrator.shipped();
        return described(shipped.get(shipped.size() - 1));
    }

    /** The version just below head. */
    private static String belowHead() {
        List<ShippedMigration> shipped = SchemaMigrator.shipped();
        return shipped.get(shipped.size() - 2).version();
    }

    private Cli cli() {
        return new Cli(directory);
    }

    private Path defaultDatabase() {
        return directory.resolve("data").resolve("tmws.db");
    }

    @Test
    void upgradeVerifyDowngradeVerifyUpgradeOnTheDefaultDatabase() throws Exception {
        Cli cli = cli();

        Cli.Result upgrade = cli.run("db", "upgrade");
        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).startsWith("database  " + defaultDatabase() + " (default)\n")
                .containsPattern("applying V1 create mcp connections … ran \\(\\d+ ms\\)\n")
                .containsPattern("applying V2 add version and unique server name … ran \\(\\d+ ms\\)\n")
                .containsPattern("applying V3 add session leases … ran \\(\\d+ ms\\)\n")
                .containsPattern("applying V4 bump version on every update … ran \\(\\d+ ms\\)\n")
                .containsPattern("applying V5 index pages in time order … ran \\(\\d+ ms\\)\n")
                .containsPattern("committing the upgrade to V" + HEAD + " … done \\(\\d+ ms\\)\n")
                .doesNotContainPattern("applying [^\n]* done")
                .endsWith("upgraded base -> " + HEAD + " (applied " + versionsAbove("base") + ")\n");
        assertThat(upgrade.err()).isEmpty();
        assertThat(defaultDatabase()).isRegularFile();

        Cli.Result verify = cli.run("db", "verify");
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("ok  namespace query        SEARCH mcp_connections USING INDEX"
                + " ix_mcp_connections_namespace (namespace=?)")
                .contains("ok  session leases         mcp_session_leases with 5 columns and 2 indexes as V" + HEAD
                        + " defines them\n")
                .contains("ok  page queries           namespace page: SEARCH mcp_connections USING INDEX"
                        + " ix_mcp_connections_namespace_created (namespace=?); owner page: SEARCH mcp_connections"
                        + " USING INDEX ix_mcp_connections_namespace_agent_created (namespace=? AND agent_id=?)")
                .contains("ok  version trigger        tr_mcp_connections_version_bump bumps version on every update that"
                        + " leaves it, as V" + HEAD + " defines it\n")
                .endsWith("verify: all " + CHECKS_AT_HEAD + " checks passed\n");

        SeedDatabases.execute(defaultDatabase(), SeedDatabases.insert("test-uuid-123", "test_server"));
        Cli.Result downgrade = cli.run("db", "downgrade", "--target", "base");
        assertThat(downgrade.code()).as(downgrade.toString()).isZero();
        assertThat(downgrade.out())
                .containsPattern("backing up to " + defaultDatabase() + "\\.backup-20251112_133005 … done \\(\\d+ KB\\)\n")
                .contains("undoing V5 index pages in time order … ran")
                .contains("undoing V4 bump version on every update … ran")
                .contains("undoing V3 add session leases … ran")
                .contains("undoing V2 add version and unique server name … ran")
                .contains("undoing V1 create mcp connections … ran")
                .containsPattern("committing the downgrade to base … done \\(\\d+ ms\\)\n")
                .endsWith("downgraded " + HEAD + " -> base (undid " + versionsAboveNewestFirst("base") + ")\n");

        // Checks follow the applied version: at base there is no session-leases check, so 8 of them.
        Cli.Result gone = cli.run("db", "verify");
        assertThat(gone.code()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(gone.out()).contains("FAIL  table                  mcp_connections does not exist (no migration"
                + " applied); run mcpconn db upgrade").endsWith("verify: 1 of 8 checks failed\n");
        assertThat(SeedDatabases.query(defaultDatabase(),
                "SELECT name FROM sqlite_master WHERE type='table' AND name='mcp_connections'")).isEmpty();

        assertThat(cli.run("db", "upgrade", "--no-backup").code()).isZero();
        assertThat(cli.run("db", "verify").code()).isZero();
        assertThat(cli.run("db", "current").out()).contains("current  " + headDescribed() + "\n")
                .contains("head     " + headDescribed() + ", up to date\n");
    }

    @Test
    void historyListsAppliedAndPendingWithTheirChecksums() {
        Cli cli = cli();
        assertThat(cli.run("db", "history").out()).contains("1        create mcp connections              pending"
                + "  -              -\n");
        cli.run("db", "upgrade", "--target", "1");

        Cli.Result history = cli.run("db", "history");

        assertThat(history.out()).containsPattern("version  description +state +applied \\(UTC\\) +checksum\n")
                .containsPattern("1 +create mcp connections +applied +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +ok\n")
                .containsPattern("2 +add version and unique server name +pending +- +-\n")
                .containsPattern("3 +add session leases +pending +- +-\n")
                .containsPattern("4 +bump version on every update +pending +- +-\n")
                .containsPattern("5 +index pages in time order +pending +- +-\n");
        // Pinned, not computed: the one place a new migration must be named; elsewhere expectations follow HEAD.
        assertThat(cli.run("db", "head").out()).isEqualTo("6 (add connection events)\n");
    }

    @Test
    void thePythonServicesDatabaseFromTmwsDatabaseUrlIsBaselinedAndSaysSo() throws Exception {
        SeedDatabases.pythonService(defaultDatabase());
        Cli cli = cli().env("TMWS_DATABASE_URL", "sqlite+aiosqlite:///./data/tmws.db");
        assertThat(cli.run("db", "current").out()).contains("note: mcp_connections exists without migration history"
                + " (Alembic revision ff4b1a18d2f0 (the seed's migration) recorded by the Python service); it matches"
                + " V1, so mcpconn db upgrade records V1 as applied and goes on");

        Cli.Result upgrade = cli.run("db", "upgrade");

        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).startsWith("database  " + defaultDatabase() + " (TMWS_DATABASE_URL)\n")
                .contains("recording baseline at 1 … done\n")
                .contains("note: mcp_connections already existed without migration history (Alembic revision"
                        + " ff4b1a18d2f0 (the seed's migration) recorded by the Python service) and matches V1"
                        + " exactly: recorded V1 as applied (baseline at 1) instead of creating it\n")
                .endsWith("upgraded 1 -> " + HEAD + " (applied " + versionsAbove("1") + ")\n")
                .doesNotContain("already exists");
        assertThat(SeedDatabases.query(defaultDatabase(), "SELECT id FROM mcp_connections")).isEqualTo("test-uuid-123\n");
        assertThat(cli.run("db", "verify").code()).isZero();
        assertThat(cli.run("db", "history").out()).containsPattern("1 +create mcp connections +baseline ");
    }

    @Test
    void aHandMadeTableIsRefusedWithTheStampToRunAndStampRecordsIt() throws Exception {
        Path file = directory.resolve("hand.db");
        SeedDatabases.execute(file, "CREATE TABLE mcp_connections (id TEXT PRIMARY KEY, namespace TEXT)");
        Cli cli = cli();

        Cli.Result refused = cli.run("--db", file.toString(), "db", "upgrade");

        assertThat(refused.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).startsWith("mcpconn: The SQLite database " + file + " has an mcp_connections table"
                + " but no migration history").contains("Fix: if the table is what a migration creates, record it"
                + " with mcpconn db stamp <version>").doesNotContain("already exists").doesNotContain("\tat ");

        Cli.Result stamp = cli.run("--db", file.toString(), "db", "stamp", "1");
        assertThat(stamp.code()).as(stamp.toString()).isZero();
        assertThat(stamp.out()).contains("stamped base -> 1 (recorded without running: 1)\n")
                .contains("check that the schema matches with: mcpconn db verify\n");
        assertThat(cli.run("--db", file.toString(), "db", "current").out()).contains("current  1 (create mcp connections)");
        assertThat(cli.run("--db", file.toString(), "db", "verify").code()).isEqualTo(ExitCode.VERIFY_FAILED);

        assertThat(cli.run("--db", file.toString(), "db", "stamp", "head").out())
                .contains("stamped 1 -> " + HEAD + " (recorded without running: " + versionsAbove("1") + ")\n");
    }

    @Test
    void unknownVersionsAreRefusedListingTheKnownOnes() {
        Cli cli = cli();
        cli.run("db", "upgrade");

        for (String[] args : new String[][] {{"db", "downgrade", "--target", "ff4b1a18d2f1"},
                {"db", "stamp", "ff4b1a18d2f1"}}) {
            Cli.Result result = cli.run(args);
            assertThat(result.code()).isEqualTo(ExitCode.REFUSED);
            assertThat(result.err()).contains("Unknown version 'ff4b1a18d2f1' for " + args[1] + " of the SQLite"
                    + " database " + defaultDatabase() + "; known versions: base (no migration), "
                    + SchemaMigrator.shipped().stream().map(DbCommandTest::described).collect(Collectors.joining(", "))
                    + ", head. Fix: pass one of the known versions");
        }
        assertThat(cli.run("db", "current").out()).contains("current  " + HEAD + " ");
    }

    @Test
    void backupAndRestoreRoundTrip() throws Exception {
        Cli cli = cli();
        cli.run("db", "upgrade");
        SeedDatabases.execute(defaultDatabase(), SeedDatabases.insert("a-1", "server_a"),
                SeedDatabases.insert("a-2", "server_b"));
        Path copy = directory.resolve("copy.db");

        Cli.Result backup = cli.run("db", "backup", "--to", copy.toString());
        assertThat(backup.code()).as(backup.toString()).isZero();
        assertThat(backup.out()).containsPattern("backing up to " + copy + " … done \\(\\d+ KB\\)\n");

        SeedDatabases.execute(defaultDatabase(), "DELETE FROM mcp_connections");
        // Restore: nobody is using the database, so the copy simply replaces it (and its WAL goes).
        Files.copy(copy, defaultDatabase(), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(Path.of(defaultDatabase() + "-wal"));
        Files.deleteIfExists(Path.of(defaultDatabase() + "-shm"));

        assertThat(SeedDatabases.query(defaultDatabase(), "SELECT id FROM mcp_connections ORDER BY id"))
                .isEqualTo("a-1\na-2\n");
        assertThat(cli.run("db", "verify").code()).isZero();
        assertThat(cli.run("db", "backup", "--to", copy.toString()).err()).contains(copy + ": the file exists");
    }

    @Test
    void aLockedDatabaseFailsAfterTheBusyTimeoutWithTheFixAndNoStackTrace() throws Exception {
        Cli cli = cli();
        cli.run("db", "upgrade", "--target", "1");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + defaultDatabase());
                Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");

            Cli.Result locked = cli.run("db", "upgrade", "--busy-timeout", "0.3");

            assertThat(locked.code()).as(locked.toString()).isEqualTo(ExitCode.LOCKED);
            assertThat(locked.err()).startsWith("mcpconn: The SQLite database " + defaultDatabase() + " is locked:"
                    + " another connection or process kept it busy for more than 300 ms. Fix: stop other programs"
                    + " using it").doesNotContain("\tat ").doesNotContain("Exception");
            statement.execute("ROLLBACK");
        }
        assertThat(cli.run("db", "current").out()).contains("current  1 ");
    }

    @Test
    void aMissingDataDirectoryIsCreatedAndAnUnusablePathExplained() throws Exception {
        Path nested = directory.resolve("a").resolve("b").resolve("tmws.db");
        assertThat(cli().run("--db", nested.toString(), "db", "upgrade").code()).isZero();
        assertThat(nested).isRegularFile();

        Path blocker = Files.writeString(directory.resolve("blocker"), "a file, not a directory");
        Cli.Result blocked = cli().run("--db", blocker.resolve("tmws.db").toString(), "db", "upgrade");
        assertThat(blocked.code()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(blocked.err()).isEqualTo("mcpconn: Cannot use the SQLite database " + blocker.resolve("tmws.db")
                + ": " + blocker + " is a file, not a directory, so the directory " + blocker + " cannot be created."
                + " Fix: move " + blocker + " out of the way, or choose a database path that does not pass through"
                + " it\n");
    }

    @Test
    void readingCommandsDoNotCreateAMissingDatabase() {
        Cli cli = cli();

        assertThat(cli.run("db", "current").out()).contains("(the file does not exist yet; mcpconn db upgrade"
                + " creates it)").contains("current  none (no migration applied)");
        Cli.Result verify = cli.run("db", "verify");
        assertThat(verify.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(verify.err()).contains("Cannot verify the SQLite database " + defaultDatabase() + " (default): the"
                + " file does not exist");
        assertThat(directory.resolve("data")).doesNotExist();
    }

    @Test
    void anEditedMigrationFailsVerifyAndBlocksUpgradeUntilRepaired() throws Exception {
        Cli cli = cli();
        cli.run("db", "upgrade", "--target", "1");
        SeedDatabases.execute(defaultDatabase(), "UPDATE flyway_schema_history SET checksum = 42 WHERE version = '1'");

        Cli.Result verify = cli.run("db", "verify");
        assertThat(verify.code()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(verify.out()).contains("FAIL  history                V1 was edited after it ran (checksum mismatch)");
        Cli.Result upgrade = cli.run("db", "upgrade");
        assertThat(upgrade.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(upgrade.err()).contains("checksum recorded 42").contains("mcpconn db repair");
        assertThat(cli.run("db", "history").out()).containsPattern("1 +create mcp connections +applied .* MISMATCH\n");

        assertThat(cli.run("db", "repair").code()).isZero();
        assertThat(cli.run("db", "upgrade").code()).isZero();
    }

    @Test
    void downgradeWithoutBackupRefusesToDropRowsUnlessTold() throws Exception {
        Cli cli = cli();
        cli.run("db", "upgrade");
        SeedDatabases.execute(defaultDatabase(), SeedDatabases.insert("a-1", "server_a"));

        Cli.Result refused = cli.run("db", "downgrade", "--target", "base", "--no-backup");
        assertThat(refused.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("undoing V1 drops mcp_connections and its 1 row(s)");

        assertThat(cli.run("db", "downgrade", "-1", "--no-backup").out())
                .endsWith("downgraded " + HEAD + " -> " + belowHead() + " (undid " + HEAD + ")\n");
        assertThat(cli.run("db", "downgrade", "--target", "1", "--no-backup").code()).isZero();
        // Now -1 is the step below V1 that drops the table and its row: allowed only with --discard-data.
        assertThat(cli.run("db", "downgrade", "--no-backup").code()).isEqualTo(ExitCode.REFUSED);
        Cli.Result discarded = cli.run("db", "downgrade", "--no-backup", "--discard-data");
        assertThat(discarded.code()).as(discarded.toString()).isZero();
        assertThat(discarded.out()).endsWith("downgraded 1 -> base (undid 1)\n");
        assertThat(cli.run("db", "downgrade", "-1", "--target", "1").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void jsonOutputIsOneDocument() throws Exception {
        Cli cli = cli();
        Cli.Result upgrade = cli.run("--json", "db", "upgrade");
        JsonNode document = new ObjectMapper().readTree(upgrade.out());
        assertThat(document.get("command").asText()).isEqualTo("upgrade");
        assertThat(document.get("to").asText()).isEqualTo(HEAD);
        assertThat(document.get("applied").toString())
                .isEqualTo("[\"" + String.join("\",\"", versionsAbove("base").split(", ")) + "\"]");

        JsonNode verify = new ObjectMapper().readTree(cli.run("db", "verify", "--json").out());
        assertThat(verify.get("passed").asBoolean()).isTrue();
        assertThat(verify.get("checks")).hasSize(CHECKS_AT_HEAD);

        Cli.Result refused = cli.run("db", "stamp", "9", "--json");
        assertThat(new ObjectMapper().readTree(refused.out()).at("/error/kind").asText()).isEqualTo("refused");
    }

    @Test
    void everyCommandHasHelpAndUsageErrorsExitTwo() {
        for (String command : new String[] {"current", "history", "head", "upgrade", "downgrade", "stamp", "backup",
                "verify", "repair"}) {
            Cli.Result help = cli().run("db", command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: mcpconn db " + command);
        }
        assertThat(cli().run("--help").out()).contains("Exit codes:").contains("TMWS_DATABASE_URL");
        assertThat(cli().run("db", "--help").code()).isZero();
        assertThat(cli().run("db", "upgrade", "--bogus").code()).isEqualTo(ExitCode.USAGE);
        assertThat(cli().run("db", "stamp").code()).isEqualTo(ExitCode.USAGE);
        assertThat(cli().run().code()).isEqualTo(ExitCode.USAGE);
        assertThat(cli().run("--busy-timeout", "-1", "db", "current").code()).isEqualTo(ExitCode.USAGE);
    }
}
