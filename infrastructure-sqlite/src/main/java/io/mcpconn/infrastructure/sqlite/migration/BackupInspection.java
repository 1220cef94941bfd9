package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * Checks that a file may replace a database ({@link BackupCheck}), reading it only: it is no
 * partial copy, no {@code -journal} of an interrupted write lies beside it, SQLite opens it as a
 * database, {@code PRAGMA integrity_check} says ok, and every version its history records is one
 * this build ships. A copy {@code VACUUM INTO} never finished can be full size and still open; only
 * these checks tell it from a backup.
 */
final class BackupInspection {

    private static final int INTEGRITY_LINES_SHOWN = 3;

    private BackupInspection() {
    }

    static BackupCheck check(Path backup) {
        Path file = backup.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw refused(file, Files.exists(file) ? "it is not a regular file" : "the file does not exist",
                    "pass the path of a backup (" + "<db>.backup-YYYYmmdd_HHMMSS beside the database)");
        }
        if (PartialCopies.isPartial(file) || file.getFileName().toString().endsWith(PartialCopies.SUFFIX)) {
            throw refused(file, "it is the partial copy of a backup that was interrupted, and incomplete",
                    "choose a backup under its final name; partial copies are removed by the next backup");
        }
        Path journal = PartialCopies.journalOf(file);
        if (Files.exists(journal)) {
            throw refused(file, journal.getFileName() + " lies beside it, so the copy was interrupted (or is being"
                    + " written right now) and is incomplete, however big it is", "choose another backup");
        }
        if (size(file) == 0) {
            throw refused(file, "the file is empty, which SQLite would take for an empty database",
                    "choose a backup mcpconn wrote (<db>.backup-YYYYmmdd_HHMMSS)");
        }
        if (!Files.isReadable(file)) {
            throw refused(file, "this user (" + System.getProperty("user.name") + ") may not read it",
                    "restore as a user who may read it, or give this one read access");
        }
        try (Connection connection = open(file)) {
            integrity(file, connection);
            List<String> applied = applied(file, connection);
            boolean managed = tableExists(connection, ExistingSchema.HISTORY_TABLE);
            OptionalLong rows = tableExists(connection, ExpectedSchema.TABLE)
                    ? OptionalLong.of(single(connection, "SELECT count(*) FROM " + ExpectedSchema.TABLE))
                    : OptionalLong.empty();
            return new BackupCheck(file, managed, applied, rows, (int) single(connection, "PRAGMA page_size"),
                    single(connection, "PRAGMA page_count"));
        } catch (SQLException e) {
            if (e instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
                throw refused(file, "it is not an SQLite database (SQLite: " + SqliteErrors.messageOf(e) + ")",
                        "choose a backup mcpconn wrote (<db>.backup-YYYYmmdd_HHMMSS)");
            }
            throw refused(file, "SQLite cannot read it (" + SqliteErrors.messageOf(e) + ")",
                    "choose another backup");
        }
    }

    /**
     * Read-only. A backup in WAL mode (a copy of a live database, not one {@code VACUUM INTO}
     * wrote) with no -wal beside it is opened immutable, so that reading it creates no -shm beside
     * it, in a directory that may be someone else's; a rollback-mode file needs no -shm at all.
     * (An immutable connection ignores {@code PRAGMA page_size}, which a conversion needs.)
     */
    static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        if (!walMode(file) || Files.exists(Path.of(file + "-wal"))) {
            return config.createConnection("jdbc:sqlite:" + file);
        }
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        return config.createConnection("jdbc:sqlite:" + URI.create("file:" + file.toUri().getRawPath()
                + "?immutable=1"));
    }

    /** Bytes 18 and 19 of the header are 2 in a WAL database, 1 in a rollback one. */
    private static boolean walMode(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(20);
            return header.length == 20 && header[18] == 2;
        } catch (IOException e) {
            return false;
        }
    }

    private static void integrity(Path file, Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                problems.add(rows.getString(1));
            }
        }
        if (!problems.equals(List.of("ok"))) {
            throw refused(file, "PRAGMA integrity_check found " + problems.size() + " problem(s): "
                    + String.join("; ", problems.subList(0, Math.min(INTEGRITY_LINES_SHOWN, problems.size())))
                    + (problems.size() > INTEGRITY_LINES_SHOWN ? "; …" : ""), "choose another backup");
        }
    }

    private static List<String> applied(Path file, Connection connection) throws SQLException {
        if (!tableExists(connection, ExistingSchema.HISTORY_TABLE)) {
            return List.of();
        }
        List<String> shipped = ShippedMigrations.versions();
        List<String> applied = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (AppliedMigration migration : AppliedMigration.read(connection)) {
            if (!migration.success()) {
                throw refused(file, "its history records V" + migration.version() + " as failed",
                        "choose another backup");
            }
            if (migration.version().equals("0")) {
                continue;
            }
            (shipped.contains(migration.version()) ? applied : unknown).add(migration.version());
        }
        if (!unknown.isEmpty()) {
            throw refused(file, "its schema has version(s) " + String.join(", ", unknown) + " applied, which this"
                    + " build does not know (head " + ShippedMigrations.head() + ")",
                    "restore it with the build that wrote it, or a newer one", unknown);
        }
        return applied;
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // What cannot even be sized is looked at by SQLite next, which says what is wrong with it.
            return -1;
        }
    }

    private static MigrationRefusedException refused(Path file, String problem, String fix) {
        return refused(file, problem, fix, List.of());
    }

    /** {@code unknown}: the versions the backup holds that this build does not know. */
    private static MigrationRefusedException refused(Path file, String problem, String fix, List<String> unknown) {
        return new MigrationRefusedException(Reason.BACKUP_UNUSABLE, "Cannot restore from " + file + ": " + problem
                + "; nothing was changed", fix, MigrationRefusedException.Details.NONE
                        .withOperation(MigrationRefusedException.Operation.RESTORE).withFile(file)
                        .withVersions(unknown));
    }
}
