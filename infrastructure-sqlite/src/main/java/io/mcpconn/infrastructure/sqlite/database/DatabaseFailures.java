package io.mcpconn.infrastructure.sqlite.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns what goes wrong with a database file into one message that names the path, the cause and
 * the fix. What the file system can tell is checked before SQLite is asked, because SQLite's own
 * messages ("unable to open database file") name neither the file nor the remedy.
 */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Creates the directory the database file goes in, or explains why it cannot be created. */
    static void prepareDirectory(Path file) {
        Path directory = file.getParent();
        if (Files.isDirectory(directory)) {
            return;
        }
        Path existing = nearestExistingAncestor(directory);
        if (!Files.isDirectory(existing)) {
            throw new DatabaseUnavailableException(file, blockedReason(directory, existing), blockedFix(existing));
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            Path now = nearestExistingAncestor(directory);
            if (!Files.isDirectory(now)) {
                throw new DatabaseUnavailableException(file, blockedReason(directory, now), blockedFix(now), e);
            }
            throw new DatabaseUnavailableException(file,
                    "the directory " + directory + " cannot be created (" + e + ")",
                    "create it as a user allowed to write " + now + " (mkdir -p " + directory
                            + "), or make that directory writable: chmod 755 " + now, e);
        }
    }

    /** Fails if the file system already tells that SQLite could not use the file for writing. */
    static void checkUsable(Path file) {
        Path directory = file.getParent();
        if (Files.isDirectory(file)) {
            throw new DatabaseUnavailableException(file, "the path is a directory, not a database file",
                    "pass the path of a file, e.g. " + file.resolve("mcpconn.db"));
        }
        boolean exists = Files.exists(file);
        if (exists && !Files.isWritable(file)) {
            throw new DatabaseUnavailableException(file, "the file is read-only for this user",
                    "chmod 644 " + file + " (as its owner, or chown it to the user running mcpconn)");
        }
        // WAL mode keeps <file>-wal and <file>-shm beside the database, so even an existing,
        // writable file needs a writable directory.
        if (!Files.isWritable(directory)) {
            String name = file.getFileName().toString();
            throw new DatabaseUnavailableException(file,
                    "the directory " + directory + " is not writable, and SQLite must create "
                            + (exists ? "" : name + ", ") + name + "-wal and " + name + "-shm there",
                    "chmod 755 " + directory + (exists ? "; chmod 644 " + file : "")
                            + " (as the owner, or chown them to the user running mcpconn)");
        }
    }

    /**
     * Explains an SQL error that is about the file or its locks rather than about a statement;
     * empty for any other error, which the caller rethrows as it is.
     */
    static Optional<RuntimeException> explain(Path file, Duration busyTimeout, SQLException e) {
        SQLiteErrorCode code = resultCode(e);
        Path directory = file.getParent();
        String sqlite = " (SQLite: " + SqliteErrors.messageOf(e) + ")";
        // Extended result codes carry the primary code in their low byte.
        RuntimeException explained = switch (code.code & 0xff) {
            case 5, 6 -> new DatabaseLockedException(file, busyTimeout, e); // BUSY, LOCKED
            case 8 -> code == SQLiteErrorCode.SQLITE_READONLY_DIRECTORY // READONLY
                    ? new DatabaseUnavailableException(file,
                            "the directory " + directory + " is not writable, and SQLite must create its -wal and"
                                    + " -shm files there" + sqlite,
                            "chmod 755 " + directory, e)
                    : new DatabaseUnavailableException(file, "the database is read-only" + sqlite,
                            "chmod 644 " + file + "; chmod 755 " + directory
                                    + " (as the owner, or chown them to the user running mcpconn)", e);
            case 3, 14, 23 -> new DatabaseUnavailableException(file, // PERM, CANTOPEN, AUTH
                    "SQLite cannot open or create the file" + sqlite,
                    "make sure the directory exists and is writable and the file is readable and writable: mkdir -p "
                            + directory + "; chmod 755 " + directory + "; chmod 644 " + file, e);
            case 26 -> new DatabaseUnavailableException(file, "the file is not an SQLite database" + sqlite,
                    "point mcpconn at the right file, or move this one away to start a new database", e);
            case 11 -> new DatabaseUnavailableException(file, "the database file is corrupt" + sqlite,
                    "restore it from a backup (" + file.getFileName() + ".backup-*)", e);
            case 13 -> new DatabaseUnavailableException(file, "the disk is full" + sqlite,
                    "free space on the file system holding " + directory, e);
            case 10 -> new DatabaseUnavailableException(file, "an I/O error occurred" + sqlite,
                    "check the disk, and the permissions: chmod 755 " + directory + "; chmod 644 " + file, e);
            default -> null;
        };
        return Optional.ofNullable(explained);
    }

    private static SQLiteErrorCode resultCode(SQLException e) {
        return e instanceof SQLiteException sqlite
                ? sqlite.getResultCode()
                : SQLiteErrorCode.getErrorCode(e.getErrorCode());
    }

    private static Path nearestExistingAncestor(Path directory) {
        Path candidate = directory;
        while (candidate.getParent() != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate;
    }

    private static String blockedReason(Path directory, Path blocker) {
        return blocker + " is a file, not a directory, so the directory " + directory + " cannot be created";
    }

    private static String blockedFix(Path blocker) {
        return "move " + blocker + " out of the way, or choose a database path that does not pass through it";
    }
}
