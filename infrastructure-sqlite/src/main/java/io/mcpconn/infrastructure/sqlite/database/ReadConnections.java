package io.mcpconn.infrastructure.sqlite.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import org.sqlite.SQLiteDataSource;

/**
 * The connections reads run on. Never blocks: a reader that finds none idle opens one, and up to
 * {@code maxIdle} are kept for the next readers. In WAL mode readers neither wait for the writer nor
 * make it wait, so there is nothing to gain from bounding them.
 */
final class ReadConnections implements AutoCloseable {

    private final SQLiteDataSource source;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ReadConnections(SQLiteDataSource source, int maxIdle) {
        this.source = source;
        this.maxIdle = maxIdle;
    }

    Connection acquire() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the database has been closed");
            }
            Connection connection = idle.pollFirst();
            if (connection != null) {
                return connection;
            }
        }
        Connection connection = source.getConnection();
        try (Statement statement = connection.createStatement()) {
            // A read that tries to write fails instead of taking the write lock behind the writer's back.
            statement.execute("PRAGMA query_only = ON");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Takes back a connection; one that failed mid-way or is over the limit is closed instead. */
    void release(Connection connection, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed && idle.size() < maxIdle) {
                idle.addFirst(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(ReadConnections::closeQuietly);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // A connection that cannot even close holds nothing worth reporting: no transaction is open on it.
        }
    }
}
