package io.mcpconn.infrastructure.jdbc.database;

import java.sql.SQLException;

/**
 * Work done with one connection's {@link Statements}, in plain JDBC.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface StatementWork<T> {

    /**
     * Does the work.
     *
     * @throws SQLException as JDBC does; the database translates it
     */
    T run(Statements statements) throws SQLException;
}
