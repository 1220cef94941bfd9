package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import io.mcpconn.infrastructure.sqlite.database.DatabaseUnavailableException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Copies a database with {@code VACUUM INTO}: one read transaction, so the copy is consistent even
 * while other connections write, and it is a complete database in one file (no -wal beside it),
 * ready to be put back in place.
 *
 * <p>A copy appears under its name only when it is complete and on disk: it is written to a
 * partial file beside it ({@link PartialCopies}), created first with owner-only permissions,
 * synced, given the database's permissions ({@link CopyPermissions}), then linked to its final
 * name (which fails rather than replace a file that appeared meanwhile) and the directory synced.
 * A process killed at any point leaves either no file under the final name or a complete one.
 */
final class DatabaseBackup {

    /** The seed's {@code date +%Y%m%d_%H%M%S}. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    /** What a copy is for, which names it beside the database. */
    enum Kind {
        /** {@code <db>.backup-YYYYmmdd_HHMMSS}, the seed's name. */
        BACKUP("backup", "backing up to "),
        /** {@code <db>.replaced-YYYYmmdd_HHMMSS}: the database a restore replaced. */
        REPLACED("replaced", "keeping the replaced database as ");

        private final String name;
        private final String step;

        Kind(String name, String step) {
            this.name = name;
            this.step = step;
        }
    }

    private DatabaseBackup() {
    }

    /**
     * Copies the database beside itself under the next free name of its kind: the seed's
     * {@code <db>.backup-YYYYmmdd_HHMMSS} for a backup, with a counter if that one is taken.
     */
    static BackupFile create(SqliteDatabase database, Kind kind, Clock clock, MigrationProgress progress) {
        return write(database, numbered(database.file(), kind, clock, 0), kind, clock, progress);
    }

    /** Copies the database to {@code target}, which must not exist. */
    static BackupFile create(SqliteDatabase database, Path target, MigrationProgress progress) {
        Path file = target.toAbsolutePath().normalize();
        if (Files.exists(file)) {
            throw exists(database, file, "the file exists");
        }
        return write(database, file, Kind.BACKUP, null, progress);
    }

    /**
     * Removes what interrupted copies of this database left beside it (and beside {@code target},
     * when that is elsewhere), saying so to {@code progress}.
     */
    static void removeLeftovers(Path database, MigrationProgress progress) {
        for (Path removed : PartialCopies.removeLeftovers(database.getParent(), database.getFileName().toString())) {
            progress.started("removing " + removed + ", left by an interrupted copy");
            progress.finished("done");
        }
    }

    /**
     * Writes the copy. {@code clock} is present for a numbered name, which moves to the next free
     * number if another process takes it meanwhile; a name asked for is refused instead.
     */
    private static BackupFile write(SqliteDatabase database, Path file, Kind kind, Clock clock,
            MigrationProgress progress) {
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            throw new DatabaseUnavailableException(file, "the backup's directory " + directory + " does not exist",
                    "create it (mkdir -p " + directory + ") or choose another file with --to");
        }
        if (!Files.isWritable(directory)) {
            throw new DatabaseUnavailableException(file, "this user (" + System.getProperty("user.name") + ") may not"
                    + " write " + directory + ", where the copy goes", "choose a file in a directory this user may"
                            + " write with --to");
        }
        removeLeftovers(database.file(), progress);
        if (!directory.equals(database.file().getParent())) {
            PartialCopies.removeLeftovers(directory, file.getFileName().toString());
        }
        Path partial;
        // Threads of this process share a pid, so their partial copies of one name would collide:
        // the name is chosen and the partial file created by one thread at a time.
        synchronized (PartialCopies.class) {
            partial = PartialCopies.partialOf(file);
            for (int n = 1; clock != null && Files.exists(partial); n++) {
                file = numbered(database.file(), kind, clock, n);
                partial = PartialCopies.partialOf(file);
            }
            try {
                Files.createFile(partial, CopyPermissions.whileWriting(directory));
            } catch (IOException e) {
                throw unwritable(database, file, partial, e.toString(), e);
            }
            PartialCopies.writing(partial);
        }
        progress.started(kind.step + file);
        try {
            vacuumInto(database, file, partial);
            try {
                // SQLite does not sync what VACUUM INTO writes; the copy must be on disk before it has a name.
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                CopyPermissions.matchDatabase(partial, database.file());
            } catch (IOException e) {
                throw unwritable(database, file, partial, e.toString(), e);
            }
            long bytes = size(partial);
            Path published = publish(database, partial, file, kind, clock);
            progress.finished("done (" + human(bytes) + ")" + (published.equals(file) ? ""
                    : "; written as " + published + ", the name was taken meanwhile"));
            return new BackupFile(published, bytes);
        } catch (RuntimeException e) {
            progress.finished("failed");
            PartialCopies.abandon(partial);
            throw e;
        }
    }

    private static void vacuumInto(SqliteDatabase database, Path file, Path partial) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, partial.toString());
            vacuum.execute();
        } catch (SQLException e) {
            // Only a lock is about the database; anything else SQLite says here is about the target.
            throw database.explainFailure(e).filter(DatabaseLockedException.class::isInstance)
                    .orElseGet(() -> unwritable(database, file, partial, "SQLite: " + SqliteErrors.messageOf(e), e));
        }
    }

    /**
     * Gives the complete copy its name. A hard link fails if the name exists, where a rename would
     * replace it; file systems without hard links get an atomic rename after a check instead.
     */
    private static Path publish(SqliteDatabase database, Path partial, Path file, Kind kind, Clock clock) {
        Path target = file;
        for (int n = 1; ; n++) {
            try {
                try {
                    Files.createLink(target, partial);
                    Files.delete(partial);
                } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                    if (e instanceof FileAlreadyExistsException || Files.exists(target)) {
                        throw new FileAlreadyExistsException(target.toString());
                    }
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                }
                PartialCopies.done(partial);
                syncDirectory(target.getParent());
                return target;
            } catch (FileAlreadyExistsException e) {
                if (clock == null) {
                    throw exists(database, file, "another program created that file while the copy was written");
                }
                target = numbered(database.file(), kind, clock, n);
            } catch (IOException e) {
                throw unwritable(database, file, partial, e.toString(), e);
            }
        }
    }

    private static MigrationRefusedException exists(SqliteDatabase database, Path file, String problem) {
        return new MigrationRefusedException(MigrationRefusedException.Reason.BACKUP_EXISTS,
                "Cannot back up the SQLite database " + database.file() + " to " + file + ": " + problem,
                "choose another target file, or move " + file + " away", MigrationRefusedException.Details
                        .of(MigrationRefusedException.Operation.BACKUP, database.file()).withFile(file));
    }

    private static Path numbered(Path database, Kind kind, Clock clock, int from) {
        String base = database.getFileName() + "." + kind.name + "-" + LocalDateTime.now(clock).format(STAMP);
        for (int n = from; ; n++) {
            Path candidate = database.resolveSibling(n == 0 ? base : base + "-" + n);
            // A name another thread of this process is writing a copy for is taken too.
            if (!Files.exists(candidate) && !Files.exists(PartialCopies.partialOf(candidate))) {
                return candidate;
            }
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory to sync it; the rename itself is still atomic there.
        }
    }

    private static DatabaseUnavailableException unwritable(SqliteDatabase database, Path file, Path partial,
            String cause, Exception e) {
        Path directory = file.getParent();
        return new DatabaseUnavailableException(file, "the copy of " + database.file() + " could not be written to "
                + partial + " (" + cause + ")", "make sure this user may write " + directory + " and that its file"
                        + " system has room for a copy of the database (df -h " + directory + "), or choose another"
                        + " file with --to", e);
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DatabaseUnavailableException(file, "the backup was written but cannot be read back (" + e + ")",
                    "check the permissions of " + file.getParent(), e);
        }
    }
}
