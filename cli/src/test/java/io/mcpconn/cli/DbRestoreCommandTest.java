package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcpconn db restore FILE} through the real entry point: checked first, one transaction, the replaced one kept. */
class DbRestoreCommandTest {

    private static final String HEAD = SchemaMigrator.head();

    @TempDir
    Path directory;

    private Cli cli;
    private Path database;

    @BeforeEach
    void aDatabaseWithTwoConnections() throws Exception {
        cli = new Cli(directory);
        database = directory.resolve("data").resolve("tmws.db");
        assertThat(cli.run("db", "upgrade").code()).isZero();
        SeedDatabases.execute(database, SeedDatabases.insert("id-1", "server-1"), SeedDatabases.insert("id-2", "server-2"));
    }

    @Test
    void aBackupIsRestoredAfterItsCheckAndTheReplacedDatabaseIsKept() throws Exception {
        Path backup = directory.resolve("data").resolve("tmws.db.backup-20251112_133005");
        assertThat(cli.run("db", "backup").code()).isZero();
        SeedDatabases.execute(database, "DELETE FROM mcp_connections", SeedDatabases.insert("id-3", "server-3"));

        Cli.Result restore = cli.run("db", "restore", "data/tmws.db.backup-20251112_133005");

        assertThat(restore.code()).as(restore.toString()).isZero();
        Path replaced = directory.resolve("data").resolve("tmws.db.replaced-20251112_133005");
        assertThat(restore.out()).isEqualTo("database  " + database + " (default)\n"
                + "checking " + backup + " … ok: integrity ok, version " + HEAD + ", 2 connection(s)\n"
                + restore.out().lines().filter(line -> line.startsWith("keeping ")).findFirst().orElse("?") + "\n"
                + restore.out().lines().filter(line -> line.startsWith("restoring ")).findFirst().orElse("?") + "\n"
                + "restored version " + HEAD + " (" + SchemaMigrator.shipped().get(SchemaMigrator.shipped().size() - 1)
                        .description() + ") with 2 connection(s); the replaced database (version " + HEAD
                + ") is kept as " + replaced + "\n");
        assertThat(restore.out()).containsPattern("keeping the replaced database as " + replaced + " … done \\(\\d+ KB\\)")
                .containsPattern("restoring from " + backup + " … done \\(\\d+ KB\\)");
        assertThat(restore.err()).isEmpty();
        assertThat(SeedDatabases.query(database, "SELECT id FROM mcp_connections ORDER BY id")).isEqualTo("id-1\nid-2\n");
        assertThat(SeedDatabases.query(replaced, "SELECT id FROM mcp_connections")).isEqualTo("id-3\n");
        assertThat(cli.run("db", "verify").code()).isZero();

        JsonNode document = new ObjectMapper().readTree(cli.run("--json", "db", "restore", backup.toString()).out());
        assertThat(document.at("/restored/connections").asLong()).isEqualTo(2);
        assertThat(document.at("/restored/version").asText()).isEqualTo(HEAD);
        assertThat(document.at("/replaced/file").asText()).endsWith(".replaced-20251112_133005-1");
    }

    /**
     * The README's old way of restoring took a copy VACUUM INTO never finished for a backup; restore
     * refuses it (exit 3), and the database is as it was.
     */
    @Test
    void anInterruptedBackupIsRefusedAndTheDatabaseIsLeftAsItWas() throws Exception {
        Path interrupted = Files.copy(database, directory.resolve("data").resolve("tmws.db.backup-20251112_120000"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(Path.of(interrupted + "-journal"), "what VACUUM INTO left");

        Cli.Result restore = cli.run("db", "restore", interrupted.toString());

        assertThat(restore.code()).as(restore.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(restore.out()).endsWith("checking " + interrupted + " … unusable\n");
        assertThat(restore.err()).isEqualTo("mcpconn: Cannot restore from " + interrupted + ": "
                + "tmws.db.backup-20251112_120000-journal lies beside it, so the copy was interrupted (or is being"
                + " written right now) and is incomplete, however big it is; nothing was changed. Fix: choose another"
                + " backup\n");
        assertThat(SeedDatabases.query(database, "SELECT count(*) FROM mcp_connections")).isEqualTo("2\n");
    }

    @Test
    void aBackupOfAnOlderVersionIsRestoredAndTheUpgradeToRunIsNamed() throws Exception {
        Path old = directory.resolve("v1.db");
        Cli other = new Cli(directory);
        assertThat(other.run("--db", old.toString(), "db", "upgrade", "--target", "1").code()).isZero();
        SeedDatabases.execute(old, SeedDatabases.insert("old-1", "server-old"));

        Cli.Result restore = cli.run("db", "restore", old.toString());

        assertThat(restore.code()).as(restore.toString()).isZero();
        assertThat(restore.out()).contains("restored version 1 (create mcp connections) with 1 connection(s)")
                .endsWith("note: this build's head is " + HEAD + "; bring the database up with: mcpconn db upgrade\n");
        assertThat(cli.run("db", "upgrade").code()).isZero();
        assertThat(SeedDatabases.query(database, "SELECT id FROM mcp_connections")).isEqualTo("old-1\n");
        assertThat(cli.run("db", "restore", "--help").out()).startsWith("Usage: mcpconn db restore");
    }
}
