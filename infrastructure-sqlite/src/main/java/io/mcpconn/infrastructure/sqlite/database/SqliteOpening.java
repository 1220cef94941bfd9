package io.mcpconn.infrastructure.sqlite.database;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * How {@link SqliteDatabase} opens a file: the connection settings production needs, and the
 * checks that turn a file SQLite would open but not serve (read-only, not a database, a WAL it
 * cannot read) into one {@link DatabaseUnavailableException} at open rather than at first use.
 */
final class SqliteOpening {

    // The database's own name: operators know its warnings by it.
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

    /**
     * What was opened.
     *
     * @param file        the absolute path
     * @param writeSource where the writer's connection came from (for read-only: the read source)
     * @param readSource  where readers' connections come from
     * @param writer      the writer's connection, probed; null when opened for reading only
     */
    record Opened(Path file, SQLiteDataSource writeSource, SQLiteDataSource readSource, Connection writer) {
    }

    private SqliteOpening() {
    }

    /** Opens {@code file} (absolute) for writing, creating it and its directory if missing. */
    static Opened forWriting(Path file, SqliteDatabaseOptions options) {
        Path absolute = file;
        DatabaseFailures.prepareDirectory(absolute);
        DatabaseFailures.checkUsable(absolute);
        String url = "jdbc:sqlite:" + absolute;
        SQLiteDataSource writeSource = new SQLiteDataSource(writeConfig(options));
        writeSource.setUrl(url);
        SQLiteDataSource readSource = new SQLiteDataSource(readConfig(options));
        readSource.setUrl(url);
        Connection writer = null;
        try {
            writer = writeSource.getConnection();
            checkJournalMode(writer, absolute);
            probeWrite(writer);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw DatabaseFailures.explain(absolute, options.busyTimeout(), e)
                    .orElseGet(() -> new DatabaseUnavailableException(absolute,
                            "SQLite refused to open it (" + SqliteErrors.messageOf(e) + ")",
                            "check that the path is right and that the file is an SQLite database this user may"
                                    + " read and write", e));
        }
        return new Opened(absolute, writeSource, readSource, writer);
    }

    /** Opens the existing {@code file} (absolute) for reading only; see {@link SqliteDatabase#openReadOnly(Path, SqliteDatabaseOptions)}. */
    static Opened forReading(Path file, SqliteDatabaseOptions options) {
        Path absolute = file;
        DatabaseFailures.checkReadable(absolute);
        boolean immutable = !Files.isWritable(absolute)
                && Stream.of("-wal", "-shm", "-journal").noneMatch(suffix -> Files.exists(Path.of(absolute + suffix)));
        SQLiteConfig config = baseConfig(options);
        config.setReadOnly(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        String url;
        if (immutable) {
            config.setOpenMode(SQLiteOpenMode.OPEN_URI);
            url = "jdbc:sqlite:" + URI.create("file:" + absolute.toUri().getRawPath() + "?immutable=1");
        } else {
            url = "jdbc:sqlite:" + absolute;
        }
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        try (Connection probe = source.getConnection(); Statement statement = probe.createStatement();
                ResultSet ignored = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            ignored.next();
        } catch (SQLException e) {
            throw unreadable(absolute, options, e);
        }
        return new Opened(absolute, source, source, null);
    }

    private static RuntimeException unreadable(Path file, SqliteDatabaseOptions options, SQLException e) {
        Path wal = Path.of(file + "-wal");
        if (Files.exists(wal) && !Files.exists(Path.of(file + "-shm")) && !Files.isWritable(file.getParent())) {
            return new DatabaseUnavailableException(file, "its " + wal.getFileName() + " file holds changes not yet"
                    + " written into it, which SQLite reads only through a -shm file, and this user ("
                    + FileAccess.currentUser() + ") may not create one in " + file.getParent() + " (SQLite: "
                    + SqliteErrors.messageOf(e) + ")", "have the owner open the database once, which writes the"
                            + " changes into it, or read it as a user who may write " + file.getParent(), e);
        }
        return DatabaseFailures.explain(file, options.busyTimeout(), e)
                .orElseGet(() -> new DatabaseUnavailableException(file,
                        "SQLite refused to open it for reading (" + SqliteErrors.messageOf(e) + ")",
                        "check that the path is right and that the file is an SQLite database this user may read", e));
    }

    private static SQLiteConfig writeConfig(SqliteDatabaseOptions options) {
        SQLiteConfig config = baseConfig(options);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // A secret stored in plaintext (by the Python service, or before sealing) and then sealed
        // must not live on in the freed space of its page: overwritten content is zeroed.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        return config;
    }

    private static SQLiteConfig readConfig(SqliteDatabaseOptions options) {
        // No journal mode here: WAL is a property of the file, set by the writer, and asking for it
        // again would be a write.
        SQLiteConfig config = baseConfig(options);
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        return config;
    }

    private static SQLiteConfig baseConfig(SqliteDatabaseOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(options.busyTimeoutMillis());
        config.enforceForeignKeys(true);
        return config;
    }

    private static void checkJournalMode(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            String journalMode = mode.next() ? mode.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(journalMode)) {
                // Some file systems (network shares) cannot do WAL; SQLite then keeps its rollback
                // journal, which is correct but makes readers and the writer wait for each other.
                LOG.warn("SQLite database {} runs in journal mode {} instead of WAL; readers and writers will"
                        + " block each other", file, journalMode);
            }
        }
    }

    /**
     * SQLite opens a file it may not write read-only without saying so, and reports it only at the
     * first write; rewriting the header field user_version with its own value in a transaction that
     * is rolled back finds out now, and changes nothing.
     */
    private static void probeWrite(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            SQLException failure = null;
            try (ResultSet result = statement.executeQuery("PRAGMA user_version")) {
                int userVersion = result.next() ? result.getInt(1) : 0;
                statement.execute("PRAGMA user_version = " + userVersion);
            } catch (SQLException e) {
                failure = e;
            }
            try {
                statement.execute("ROLLBACK");
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing is open on a connection that failed to set up; there is nothing to report.
        }
    }
}
