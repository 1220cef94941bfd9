package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import io.mcpconn.infrastructure.sqlite.database.DatabaseUnavailableException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * Puts a backup in place of a database through SQLite itself, never by renaming files under it:
 * the Online Backup API copies the backup's pages into the live database in one write
 * transaction, which other connections see as one change, which waits for other writers up to the
 * busy timeout, and which a process killed half-way leaves uncommitted in the WAL, so the old
 * database stays whole. The backup is checked first ({@link BackupInspection}) and the database it
 * replaces is kept as a consistent copy ({@code <db>.replaced-YYYYmmdd_HHMMSS}), written as safely
 * as a backup.
 *
 * <p>SQLite cannot copy pages of one size into a WAL database of another; a backup with another
 * page size is first converted into a copy with the database's page size ({@code VACUUM INTO}
 * after {@code PRAGMA page_size}), and that is restored, which the result notes. sqlite-jdbc's
 * restore reports success even when SQLite copied nothing (another writer past the busy timeout, a
 * page size it refused); its progress callback tells, and the restored database is compared with
 * the backup before success is reported.
 */
final class DatabaseRestore {

    private static final int STEP_RETRY_MILLIS = 100;
    /** The busy timeout already waited for another writer; no retries on top of it. */
    private static final int STEP_RETRIES = 0;
    /** Every page in one step: one write transaction on the database from first page to commit. */
    private static final int ALL_PAGES = -1;

    private DatabaseRestore() {
    }

    static RestoreResult restore(SqliteDatabase database, Path backup, Clock clock, MigrationProgress progress) {
        Path file = backup.toAbsolutePath().normalize();
        if (isSameFile(file, database.file())) {
            throw new MigrationRefusedException(Reason.BACKUP_UNUSABLE, "Cannot restore the SQLite database "
                    + database.file() + " from itself; nothing was changed", "pass the path of a backup");
        }
        progress.started("checking " + file);
        BackupCheck check;
        try {
            check = BackupInspection.check(file);
        } catch (RuntimeException e) {
            progress.finished("unusable");
            throw e;
        }
        progress.finished("ok: integrity ok, " + check.version().map(v -> "version " + v)
                .orElse(check.managed() ? "no migration applied" : "no migration history") + ", "
                + check.connections().stream().mapToObj(rows -> rows + " connection(s)").findFirst()
                        .orElse("no mcp_connections table"));
        Optional<String> previous = database.read(dsl -> dsl.connectionResult(DatabaseRestore::version));
        boolean empty = database.read(dsl -> dsl.connectionResult(connection -> single(connection,
                "SELECT count(*) FROM sqlite_master") == 0));
        Optional<BackupFile> replaced = empty ? Optional.empty()
                : Optional.of(DatabaseBackup.create(database, DatabaseBackup.Kind.REPLACED, clock, progress));
        if (empty) {
            DatabaseBackup.removeLeftovers(database.file(), progress);
        }
        List<String> notes = new ArrayList<>();
        int pageSize = (int) (long) database.read(dsl -> dsl.connectionResult(connection -> single(connection,
                "PRAGMA page_size")));
        Path source = file;
        Optional<Path> converted = Optional.empty();
        try {
            if (pageSize != check.pageSize()) {
                converted = Optional.of(convert(database, check, pageSize, progress));
                source = converted.get();
                notes.add("the backup has " + check.pageSize() + "-byte pages and the database " + pageSize
                        + "-byte ones, which SQLite cannot copy into a WAL database; a copy of the backup converted"
                        + " to " + pageSize + "-byte pages was restored");
            }
            copy(database, source, check, progress);
        } finally {
            converted.ifPresent(PartialCopies::abandon);
        }
        return new RestoreResult(check, previous, replaced, notes);
    }

    /** Copies every page of {@code source} into the database in one transaction, then checks the result. */
    private static void copy(SqliteDatabase database, Path source, BackupCheck check, MigrationProgress progress) {
        progress.started("restoring from " + check.file());
        long[] last = {-1, -1};
        try (Connection connection = database.dataSource().getConnection()) {
            DB db = connection.unwrap(SQLiteConnection.class).getDatabase();
            int code = db.restore("main", source.toString(), (remaining, pages) -> {
                last[0] = remaining;
                last[1] = pages;
            }, STEP_RETRY_MILLIS, STEP_RETRIES, ALL_PAGES);
            if (code != 0 || last[0] != 0) {
                throw notCopied(database, check.file(), connection, code);
            }
            compare(database, connection, check);
        } catch (SQLException e) {
            progress.finished("failed");
            throw database.explainFailure(e).orElseGet(() -> failed(database, check.file(), SqliteErrors.messageOf(e),
                    e));
        } catch (RuntimeException e) {
            progress.finished("failed");
            throw e;
        }
        progress.finished("done (" + DatabaseBackup.human(check.bytes()) + ")");
    }

    /** Why SQLite copied nothing: a writer it waited for past the busy timeout, or something it did not say. */
    private static RuntimeException notCopied(SqliteDatabase database, Path backup, Connection connection,
            int code) {
        try (Statement statement = connection.createStatement()) {
            // The copy waited the busy timeout already; whether a writer still holds the lock is known at once.
            statement.execute("PRAGMA busy_timeout = 0");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("ROLLBACK");
        } catch (SQLException busy) {
            return database.explainFailure(busy).filter(DatabaseLockedException.class::isInstance)
                    .orElseGet(() -> failed(database, backup, SqliteErrors.messageOf(busy), busy));
        }
        return failed(database, backup, "SQLite's backup API stopped before the last page (result code "
                + code + ")", null);
    }

    /** The restored database must hold what the checked backup holds; a silent failure would not. */
    private static void compare(SqliteDatabase database, Connection connection, BackupCheck check)
            throws SQLException {
        OptionalLong rows = single(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                + ExpectedSchema.TABLE + "'") == 0 ? OptionalLong.empty()
                        : OptionalLong.of(single(connection, "SELECT count(*) FROM " + ExpectedSchema.TABLE));
        Optional<String> version = version(connection);
        if (!rows.equals(check.connections()) || !version.equals(check.version())) {
            throw new SchemaMigrationException("Restoring the SQLite database " + database.file() + " from "
                    + check.file() + " did not give the backup's content: the database holds " + describe(rows)
                    + " at version " + version.orElse("none") + ", the backup " + describe(check.connections())
                    + " at version " + check.version().orElse("none") + "; the replaced database is kept beside it ("
                    + database.file().getFileName() + ".replaced-*)", null);
        }
    }

    /**
     * A copy of the backup with the database's page size, written beside the database as a partial
     * copy (removed afterwards, and by the next cleanup if this process dies).
     */
    private static Path convert(SqliteDatabase database, BackupCheck check, int pageSize, MigrationProgress progress) {
        Path partial = PartialCopies.partialOf(database.file().resolveSibling(database.file().getFileName()
                + ".restore-source"));
        PartialCopies.writing(partial);
        progress.started("converting the backup from " + check.pageSize() + "-byte to " + pageSize + "-byte pages");
        try {
            Files.createFile(partial, CopyPermissions.whileWriting(partial.getParent()));
            try (Connection connection = BackupInspection.open(check.file());
                    Statement statement = connection.createStatement();
                    PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                // On a database that exists, page_size only sets the size VACUUM writes with.
                statement.execute("PRAGMA page_size = " + pageSize);
                vacuum.setString(1, partial.toString());
                vacuum.execute();
            }
        } catch (IOException | SQLException e) {
            progress.finished("failed, the database was not changed");
            PartialCopies.abandon(partial);
            throw new DatabaseUnavailableException(partial, "the backup could not be converted to " + pageSize
                    + "-byte pages beside the database (" + e.getMessage() + ")", "make sure this user may write "
                            + partial.getParent() + " and that it has room for a copy of the backup", e);
        }
        progress.finished("done");
        return partial;
    }

    private static String describe(OptionalLong rows) {
        return rows.isPresent() ? rows.getAsLong() + " connection(s)" : "no mcp_connections table";
    }

    private static Optional<String> version(Connection connection) throws SQLException {
        if (single(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                + ExistingSchema.HISTORY_TABLE + "'") == 0) {
            return Optional.empty();
        }
        List<AppliedMigration> applied = AppliedMigration.read(connection).stream()
                .filter(migration -> migration.success() && !migration.version().equals("0")).toList();
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1).version());
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static SchemaMigrationException failed(SqliteDatabase database, Path backup, String why,
            Exception cause) {
        return new SchemaMigrationException("Restoring the SQLite database " + database.file() + " from " + backup
                + " failed; the database was not changed. " + why, cause);
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b);
        }
    }
}
