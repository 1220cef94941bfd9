package io.mcpconn.infrastructure.postgres.migration;

import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
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
    private static final int MOST_NUMBERED = 1000;

    private final PostgresDatabaseOptions options;
    private final Clock clock;
    private final Path directory;

    PostgresBackups(PostgresDatabaseOptions options, Clock clock, Path directory) {
        this.options = options;
        this.clock = clock;
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * Dumps the database to {@code target}, which must not exist, or else to the next free
     * {@code <database>-<UTC time>[-n].dump} in the backup directory: backups in the same second,
     * by this process or another, never take each other's name.
     */
    BackupFile backup(Optional<Path> target, MigrationProgress progress) {
        var asked = target.map(file -> file.toAbsolutePath().normalize());
        var first = asked.orElseGet(() -> numbered(0));
        var where = first.getParent();
        if (!Files.isDirectory(where)) {
            throw PostgresMigrationRefusedException.backupDirectoryUnusable(options.location().describe(), first,
                    "the directory " + where + " does not exist");
        }
        if (!Files.isWritable(where)) {
            throw PostgresMigrationRefusedException.backupDirectoryUnusable(options.location().describe(), first,
                    "this user (" + System.getProperty("user.name") + ") may not write " + where);
        }
        if (asked.isPresent() && Files.exists(first)) {
            throw PostgresMigrationRefusedException.backupExists(options.location().describe(), first);
        }
        ClientPrograms.find("pg_dump");
        // The pid keeps two processes' dumps of one name apart until each claims its final name.
        var partial = first.resolveSibling(first.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        progress.started("backing up " + options.location().describe() + " to " + first + " with pg_dump");
        try {
            Files.deleteIfExists(partial);
            ClientPrograms.run(options, "pg_dump", List.of("--format=custom", "--no-owner", "--no-privileges",
                    "--file=" + partial, "--dbname=" + options.location().database()), 60);
            var file = claim(partial, first, asked.isPresent());
            long bytes = Files.size(file);
            progress.finished("done (" + bytes + " bytes" + (file.equals(first) ? "" : ", as " + file
                    + ", since another backup took that name meanwhile") + ")");
            return new BackupFile(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the backup of " + options.location().describe() + " could not be"
                    + " written to " + first + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // A leftover .partial is never taken for a backup; the failure that left it is reported.
            }
        }
    }

    /**
     * Gives the whole dump its final name, never replacing a file: a name asked for that another
     * process took meanwhile is refused; a numbered one moves on to the next free number.
     */
    private Path claim(Path partial, Path first, boolean asked) throws IOException {
        var file = first;
        for (int number = 1; ; number++) {
            try {
                // A hard link fails if the name exists, where a rename would replace it.
                Files.createLink(file, partial);
                return file;
            } catch (FileAlreadyExistsException e) {
                if (asked) {
                    throw PostgresMigrationRefusedException.backupExists(options.location().describe(), file);
                }
                file = numbered(number);
            }
        }
    }

    private Path numbered(int from) {
        var stamp = options.location().database() + "-" + STAMP.format(clock.instant());
        for (int number = from; number < MOST_NUMBERED; number++) {
            var file = directory.resolve(stamp + (number == 0 ? "" : "-" + (number + 1)) + ".dump");
            if (!Files.exists(file)) {
                return file;
            }
        }
        throw PostgresMigrationRefusedException.backupExists(options.location().describe(),
                directory.resolve(stamp + ".dump"));
    }

    /** {@code backup}, absolute, if it is a file; otherwise the refusal to restore it. */
    Path existing(Path backup) {
        var file = backup.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw PostgresMigrationRefusedException.backupMissing(options.location().describe(), file);
        }
        return file;
    }

    /** Restores {@code file}, which {@link #existing} has checked, in one transaction. */
    void restore(Path file, MigrationProgress progress) {
        ClientPrograms.find("pg_restore");
        progress.started("restoring " + file + " into " + options.location().describe() + " with pg_restore");
        ClientPrograms.run(options, "pg_restore", List.of("--clean", "--if-exists", "--single-transaction",
                "--no-owner", "--no-privileges", "--exit-on-error", "--dbname=" + options.location().database(),
                file.toString()), 60);
        progress.finished("done");
    }
}
