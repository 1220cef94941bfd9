package io.mcpconn.cli;

import io.mcpconn.infrastructure.sqlite.migration.BackupCheck;
import io.mcpconn.infrastructure.sqlite.migration.RestoreResult;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mcpconn db restore FILE}: puts a backup in place of the database after checking it, keeping
 * the replaced database, through {@link SchemaMigrator#restore}.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the database with a backup, after checking it: an SQLite database, integrity_check"
                + " ok, a schema version this build knows. The replaced database is kept as"
                + " <db>.replaced-YYYYmmdd_HHMMSS.",
            "SQLite copies the backup in one transaction: other programs see one change, and an interrupted"
                    + " restore leaves the database as it was.",
            "PostgreSQL: a pg_dump backup (custom format), restored by pg_restore in one transaction after what is"
                    + " there is dumped to <database>-YYYYmmdd-HHMMSS.dump in the working directory."})
final class DbRestoreCommand implements Callable<Integer> {

    @ParentCommand
    DbCommand db;

    @Parameters(paramLabel = "FILE", description = "The backup to restore.")
    Path backup;

    @Override
    public Integer call() {
        Output output = db.output();
        DatabaseLocation location = db.top.location();
        DbCommand.header(output, location);
        Path file = db.top.workingDirectory().resolve(backup).toAbsolutePath().normalize();
        if (location.postgres()) {
            return restorePostgres(output, location, file);
        }
        RestoreResult result = db.withSqliteMigrator(location.file(), migrator -> migrator.restore(file,
                output.progress()));
        BackupCheck restored = result.restored();
        result.notes().forEach(note -> output.line("note: " + note));
        output.line("restored " + restored.version().map(version -> "version " + DbCommand.described(version))
                .orElse(restored.managed()
                ? "a database with no migration applied" : "a database without migration history") + " with "
                + restored.connections().stream().mapToObj(rows -> rows + " connection(s)").findFirst()
                        .orElse("no mcp_connections table")
                + result.replaced().map(copy -> "; the replaced database (version "
                        + result.previous().orElse(SchemaMigrator.BASE) + ") is kept as " + copy.file()).orElse(""));
        if (!restored.managed() && restored.connections().isPresent()) {
            output.line("note: the backup has no migration history; mcpconn db upgrade records the version its table"
                    + " matches");
        } else if (!restored.version().map(SchemaMigrator.head()::equals).orElse(false)) {
            output.line("note: this build's head is " + SchemaMigrator.head() + "; bring the database up with:"
                    + " mcpconn db upgrade");
        }
        output.document(DbDocuments.Document.of("restore", location, DbDocuments.Restore.of(result)));
        return ExitCode.OK;
    }

    /** pg_restore in one transaction, after a pg_dump of what is there. */
    private int restorePostgres(Output output, DatabaseLocation location, Path file) {
        var result = db.withPostgres(location, migrator -> migrator.restore(file, output.progress()));
        output.line("restored " + result.version().map(version -> "version " + DbCommand.described(version))
                .orElse("a database with no migration applied") + " from " + result.restored()
                + "; what was there (version " + result.previous().orElse(SchemaMigrator.BASE) + ") is kept as "
                + result.replaced().file());
        if (!result.version().map(SchemaMigrator.head()::equals).orElse(false)) {
            output.line("note: this build's head is " + SchemaMigrator.head() + "; bring the database up with:"
                    + " mcpconn db upgrade");
        }
        output.document(DbDocuments.Document.of("restore", location, DbDocuments.PostgresRestore.of(result)));
        return ExitCode.OK;
    }
}
