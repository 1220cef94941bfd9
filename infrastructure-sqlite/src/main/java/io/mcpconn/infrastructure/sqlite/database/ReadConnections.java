package io.mcpconn.infrastructure.sqlite.database;

import io.mcpconn.infrastructure.jdbc.database.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import org.sqlite.SQLiteDataSource;

/**
 * The connections reads run on, each with its prepared statements. Never blocks: a reader that
 * finds none idle opens one, and up to {@code maxIdle} are kept for the next readers. In WAL mode
 * readers neither wait for the writer nor make it wait, so there is nothing to gain from bounding
 * them.
 */
final class ReadConnections implements AutoCloseable {

    private final SQLiteDataSource source;
    private final int maxIdle;
    private final Deque<Statements> idle = new ArrayDeque<>();
    private boolean closed;

    ReadConnections(SQLiteDataSource source, int maxIdle) {
        this.source = source;
        this.maxIdle = maxIdle;
    }

    Statements acquire() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the database has been closed");
            }
            Statements reader = idle.pollFirst();
            if (reader != null) {
                return reader;
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
        return new Statements(connection);
    }

    /** Takes back a connection; one that failed mid-way or is over the limit is closed instead. */
    void release(Statements reader, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed && idle.size() < maxIdle) {
                idle.addFirst(reader);
                return;
            }
        }
        reader.close();
    }

    @Override
    public void close() {
        Deque<Statements> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(Statements::close);
    }
}
