package io.mcpconn.infrastructure.jdbc.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection's prepared statements, kept for as long as the connection lives. A database compiles
 * a statement when it is prepared, which for the repository's queries costs as much as running
 * them; a statement prepared once and bound again each time pays that once per connection.
 *
 * <p>Not thread-safe: it belongs to the connection, which one thread uses at a time. A statement
 * is reused, so a caller finishes with it (closes its result set) before it asks for the same SQL
 * again.
 */
public final class Statements {

    // The repository has a fixed set of statements; the bound only stops a caller that builds SQL
    // per call from keeping every one of them.
    private static final int MAX_KEPT = 64;

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    /** Statements of {@code connection}, prepared as they are first asked for. */
    public Statements(Connection connection) {
        this.connection = connection;
    }

    /**
     * The statement for {@code sql}, prepared on first use and kept.
     *
     * @throws SQLException if the database cannot compile it
     */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            if (prepared.size() == MAX_KEPT) {
                closeAll();
            }
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** The connection the statements belong to. */
    public Connection connection() {
        return connection;
    }

    /** Closes the statements and the connection. */
    public void close() {
        closeAll();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // A connection that cannot even close holds nothing worth reporting: no transaction is open on it.
        }
    }

    /** Closes the statements, leaving the connection open (to go back to its pool). */
    public void closeStatements() {
        closeAll();
    }

    private void closeAll() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // Closing only frees the compiled statement; there is nothing it could have left undone.
            }
        }
        prepared.clear();
    }
}
