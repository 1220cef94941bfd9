package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import io.mcpconn.infrastructure.sqlite.database.DatabaseUnavailableException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
final class DatabaseBackup {

    /** The seed's {@code date +%Y%m%d_%H%M%S}. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    private DatabaseBackup() {
    }

    /** The seed's name, {@code <db>.backup-YYYYmmdd_HHMMSS}, with a counter if that one is taken. */
    static Path defaultTarget(Path database, Clock clock) {
        String base = database.getFileName() + ".backup-" + LocalDateTime.now(clock).format(STAMP);
        Path candidate = database.resolveSibling(base);
        for (int n = 1; Files.exists(candidate); n++) {
            candidate = database.resolveSibling(base + "-" + n);
        }
        return candidate;
    }

    static BackupFile create(SqliteDatabase database, Path target, MigrationProgress progress) {
        Path file = target.toAbsolutePath().normalize();
        if (Files.exists(file)) {
            throw new MigrationRefusedException(MigrationRefusedException.Reason.BACKUP_EXISTS,
                    "Cannot back up the SQLite database " + database.file() + " to " + file + ": the file exists",
                    "choose another file with --to, or move " + file + " away");
        }
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            throw new DatabaseUnavailableException(file, "the backup's directory " + directory + " does not exist",
                    "create it (mkdir -p " + directory + ") or choose another file with --to");
        }
        progress.started("backing up to " + file);
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, file.toString());
            vacuum.execute();
        } catch (SQLException e) {
            progress.finished("failed");
            deleteQuietly(file);
            // Only a lock is about the database; anything else SQLite says here is about the target.
            throw database.explainFailure(e).filter(DatabaseLockedException.class::isInstance)
                    .orElseGet(() -> new DatabaseUnavailableException(file,
                            "the backup could not be written (SQLite: " + SqliteErrors.messageOf(e) + ")",
                            "make " + directory + " writable for this user (chmod 755 " + directory
                                    + "), free space on it, or choose another file with --to", e));
        }
        long bytes = size(file);
        progress.finished("done (" + human(bytes) + ")");
        return new BackupFile(file, bytes);
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A partial backup SQLite could not finish is useless either way; the error says why.
        }
    }
}
