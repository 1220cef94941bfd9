package io.mcpconn.benchmarks.floor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * JDBC connections to a database file set up exactly as the adapter's {@code SqliteDatabase} sets
 * up its own, so that the floor differs from the adapter in the code around the statements only.
 */
public final class SqliteConnections {

    /** The adapter's default busy timeout. */
    static final int BUSY_TIMEOUT_MILLIS = 5000;

    private SqliteConnections() {
    }

    /** The writer: WAL, synchronous NORMAL, IMMEDIATE transactions, secure_delete, foreign keys, busy timeout. */
    public static Connection writer(Path file) throws SQLException {
        SQLiteConfig config = base();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        return open(config, file);
    }

    /** A reader: DEFERRED transactions and {@code query_only}, as the adapter's read connections. */
    public static Connection reader(Path file) throws SQLException {
        SQLiteConfig config = base();
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        Connection connection = open(config, file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = ON");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static SQLiteConfig base() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        return config;
    }

    private static Connection open(SQLiteConfig config, Path file) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath().normalize());
        return source.getConnection();
    }
}
