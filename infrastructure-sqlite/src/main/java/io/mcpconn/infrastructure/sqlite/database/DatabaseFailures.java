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
            if (!Files.isWritable(now)) {
                FileAccess access = FileAccess.cannotWrite(now, "the directory");
                throw new DatabaseUnavailableException(file, "the directory " + directory + " cannot be created: "
                        + access.reason(), "create it as a user allowed to write " + now + " (mkdir -p " + directory
                                + "), or " + access.fix(), e);
            }
            throw new DatabaseUnavailableException(file,
                    "the directory " + directory + " cannot be created (" + e + ")",
                    "create it yourself (mkdir -p " + directory + ")", e);
        }
    }

    /** Fails if the file system already tells that SQLite could not use the file for writing. */
    static void checkUsable(Path file) {
        Path directory = file.getParent();
        checkKind(file);
        boolean exists = Files.exists(file);
        if (exists && !Files.isWritable(file)) {
            FileAccess access = FileAccess.cannotWrite(file, "the file");
            throw new DatabaseUnavailableException(file, access.reason(), access.fix());
        }
        // WAL mode keeps <file>-wal and <file>-shm beside the database, so even an existing,
        // writable file needs a writable directory.
        if (!Files.isWritable(directory)) {
            throw directoryNotWritable(file, exists, null);
        }
    }

    /** Fails if the file system already tells that SQLite could not read the file. */
    static void checkReadable(Path file) {
        checkKind(file);
        if (!Files.exists(file)) {
            throw new DatabaseUnavailableException(file, "the file does not exist",
                    "check the path; a database is created by the first command that writes to it");
        }
        if (!Files.isReadable(file)) {
            FileAccess access = FileAccess.cannotRead(file);
            throw new DatabaseUnavailableException(file, access.reason(), access.fix());
        }
    }

    private static void checkKind(Path file) {
        if (Files.isDirectory(file)) {
            throw new DatabaseUnavailableException(file, "the path is a directory, not a database file",
                    "pass the path of a file, e.g. " + file.resolve("mcpconn.db"));
        }
        if (FileAccess.isSpecial(file)) {
            throw new DatabaseUnavailableException(file, "the path is " + FileAccess.specialKind(file)
                    + ", not a database file", "pass the path of a regular file (or of one to be created)");
        }
    }

    private static DatabaseUnavailableException directoryNotWritable(Path file, boolean exists, SQLException e) {
        String name = file.getFileName().toString();
        FileAccess access = FileAccess.cannotWrite(file.getParent(), "the directory");
        String reason = access.reason() + ", and SQLite must create " + (exists ? "" : name + ", ") + name
                + "-wal and " + name + "-shm there";
        return e == null ? new DatabaseUnavailableException(file, reason, access.fix())
                : new DatabaseUnavailableException(file, reason + sqlite(e), access.fix(), e);
    }

    /**
     * Explains an SQL error that is about the file or its locks rather than about a statement;
     * empty for any other error, which the caller rethrows as it is.
     */
    static Optional<RuntimeException> explain(Path file, Duration busyTimeout, SQLException e) {
        SQLiteErrorCode code = resultCode(e);
        Path directory = file.getParent();
        String sqlite = sqlite(e);
        // Extended result codes carry the primary code in their low byte.
        RuntimeException explained = switch (code.code & 0xff) {
            case 5, 6 -> new DatabaseLockedException(file, busyTimeout, e); // BUSY, LOCKED
            case 8 -> readOnly(file, code, e); // READONLY
            case 3, 14, 23 -> new DatabaseUnavailableException(file, // PERM, CANTOPEN, AUTH
                    "SQLite cannot open or create the file" + sqlite,
                    "check that " + directory + " exists and this user (" + FileAccess.currentUser() + ") may write"
                            + " it, and may read and write " + file + " and its -wal and -shm files (ls -l " + file
                            + "*)", e);
            case 26 -> new DatabaseUnavailableException(file, "the file is not an SQLite database" + sqlite,
                    "point mcpconn at the right file, or move this one away to start a new database", e);
            case 11 -> new DatabaseUnavailableException(file, "the database file is corrupt" + sqlite,
                    "restore it from a backup (" + file.getFileName() + ".backup-*)", e);
            case 13 -> new DatabaseUnavailableException(file, "the disk is full" + sqlite,
                    "free space on the file system holding " + directory + " (df -h " + directory + ")", e);
            case 10 -> new DatabaseUnavailableException(file, "a read or write of the disk failed" + sqlite
                    + "; a full file system, a quota or a file size limit (ulimit -f) fail writes this way, as"
                    + " does a failing disk", "free space on the file system holding " + directory + " (df -h "
                            + directory + "), check quotas and ulimit -f, and the kernel log for disk errors", e);
            default -> null;
        };
        return Optional.ofNullable(explained);
    }

    /** SQLite found it cannot write: the file, the directory, or a -wal or -shm file of another user. */
    private static RuntimeException readOnly(Path file, SQLiteErrorCode code, SQLException e) {
        if (code == SQLiteErrorCode.SQLITE_READONLY_DIRECTORY || !Files.isWritable(file.getParent())) {
            return directoryNotWritable(file, Files.exists(file), e);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            FileAccess access = FileAccess.cannotWrite(file, "the file");
            return new DatabaseUnavailableException(file, access.reason() + sqlite(e), access.fix(), e);
        }
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            Path companion = Path.of(file + suffix);
            if (Files.exists(companion) && !Files.isWritable(companion)) {
                FileAccess access = FileAccess.cannotWrite(companion, "SQLite's " + suffix + " file");
                return new DatabaseUnavailableException(file, access.reason() + sqlite(e), access.fix(), e);
            }
        }
        return new DatabaseUnavailableException(file, "the database is read-only" + sqlite(e),
                "check that this user (" + FileAccess.currentUser() + ") may write " + file + " and its -wal and"
                        + " -shm files (ls -l " + file + "*)", e);
    }

    private static String sqlite(SQLException e) {
        return " (SQLite: " + SqliteErrors.messageOf(e) + ")";
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
