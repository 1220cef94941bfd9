package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database a newer build migrated (a version this build does not ship is applied) is never
 * called up to date: {@code current}, {@code history} and {@code verify} each say it is ahead of
 * this build, which versions are unknown, and what to do, and the writing commands refuse it.
 */
class NewerDatabaseTest {

    private static final String HEAD = SchemaMigrator.head();
    private static final String FUTURE = String.valueOf(Integer.parseInt(HEAD) + 1);

    @TempDir
    Path directory;

    private Path file;
    private Cli cli;

    @BeforeEach
    void aDatabaseANewerBuildMigrated() throws Exception {
        file = directory.resolve("tmws.db");
        cli = new Cli(directory);
        assertThat(cli.run("--db", file.toString(), "db", "upgrade").code()).isZero();
        SeedDatabases.execute(file, "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '" + FUTURE
                + "', 'from the future', 'SQL', 'V" + FUTURE + "__from_the_future.sql', 1, 'mcpconn', 0, 1"
                + " FROM flyway_schema_history");
    }

    @Test
    void currentSaysItIsAheadOfThisBuildNotUpToDate() throws Exception {
        Cli.Result current = cli.run("--db", file.toString(), "db", "current");

        assertThat(current.code()).as(current.toString()).isZero();
        assertThat(current.out()).doesNotContain("up to date")
                .contains("current  " + FUTURE + " (unknown to this build)\n")
                .contains("head     " + HEAD + " (")
                .contains("; the database is ahead of this build: version " + FUTURE + " is applied but unknown"
                        + " to it\n")
                .contains("note: use the mcpconn version that migrated it, or a newer one; this one refuses to"
                        + " upgrade, downgrade or stamp it\n");

        JsonNode document = new ObjectMapper().readTree(cli.run("--json", "--db", file.toString(), "db", "current").out());
        assertThat(document.get("atHead").asBoolean()).isFalse();
        assertThat(document.get("ahead").asBoolean()).isTrue();
        assertThat(document.get("unknown").toString()).isEqualTo("[\"" + FUTURE + "\"]");
        assertThat(document.get("current").asText()).isEqualTo(FUTURE);
    }

    @Test
    void historyAndVerifySayTheSameAndTheWritingCommandsRefuse() throws Exception {
        Cli.Result history = cli.run("--db", file.toString(), "db", "history");
        assertThat(history.code()).as(history.toString()).isZero();
        assertThat(history.out()).containsPattern(FUTURE + " +from the future +not shipped ")
                .contains("note: the database is ahead of this build: version " + FUTURE + " is applied but unknown"
                        + " to it; use the mcpconn version that migrated it, or a newer one\n");
        JsonNode document = new ObjectMapper().readTree(cli.run("--json", "--db", file.toString(), "db", "history").out());
        assertThat(document.get("ahead").asBoolean()).isTrue();

        Cli.Result verify = cli.run("--db", file.toString(), "db", "verify");
        assertThat(verify.code()).as(verify.toString()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(verify.out()).contains("FAIL  history ").contains("the database is ahead of this build (head "
                + HEAD + "): version " + FUTURE + " is applied but unknown to it");

        for (String[] command : new String[][] {{"upgrade"}, {"downgrade", "-1"}}) {
            Cli.Result refused = cli.run(concat(command));
            assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCode.REFUSED);
            assertThat(refused.err()).contains("newer than this build knows");
        }
    }

    private String[] concat(String[] command) {
        String[] args = new String[command.length + 3];
        args[0] = "--db";
        args[1] = file.toString();
        args[2] = "db";
        System.arraycopy(command, 0, args, 3, command.length);
        return args;
    }
}
