package io.mcpconn.infrastructure.postgres.migration;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Backups of a PostgreSQL database with {@code pg_dump} (custom format: compressed, restorable
 * table by table) and their restore with {@code pg_restore}, in one transaction. The dump is
 * written to a temporary name and renamed when whole, so a failed or killed dump never looks like a
 * backup.
 */
final class PostgresBackups {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final PostgresDatabaseOptions options;
    private final Clock clock;

    PostgresBackups(PostgresDatabaseOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** The file a backup goes to unless told: {@code <database>-<UTC time>.dump} in the working directory. */
    Path defaultTarget() {
        return Path.of(options.location().database() + "-" + STAMP.format(clock.instant()) + ".dump")
                .toAbsolutePath();
    }

    BackupFile backup(Optional<Path> target, MigrationProgress progress) {
        var file = target.orElseGet(this::defaultTarget).toAbsolutePath().normalize();
        if (Files.exists(file)) {
            throw new IllegalArgumentException("the backup file " + file + " exists already; choose another name");
        }
        ClientPrograms.find("pg_dump");
        var partial = file.resolveSibling(file.getFileName() + ".partial");
        progress.started("backing up " + options.location().describe() + " to " + file + " with pg_dump");
        try {
            Files.deleteIfExists(partial);
            ClientPrograms.run(options, "pg_dump", List.of("--format=custom", "--no-owner", "--no-privileges",
                    "--file=" + partial, "--dbname=" + options.location().database()), 60);
            Files.move(partial, file);
            long bytes = Files.size(file);
            progress.finished("done (" + bytes + " bytes)");
            return new BackupFile(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the backup " + file + " could not be written: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // A leftover .partial is never taken for a backup; the failure that left it is reported.
            }
        }
    }

    void restore(Path backup, MigrationProgress progress) {
        var file = backup.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the backup " + file + " does not exist");
        }
        ClientPrograms.find("pg_restore");
        progress.started("restoring " + file + " into " + options.location().describe() + " with pg_restore");
        ClientPrograms.run(options, "pg_restore", List.of("--clean", "--if-exists", "--single-transaction",
                "--no-owner", "--no-privileges", "--exit-on-error", "--dbname=" + options.location().database(),
                file.toString()), 60);
        progress.finished("done");
    }
}
