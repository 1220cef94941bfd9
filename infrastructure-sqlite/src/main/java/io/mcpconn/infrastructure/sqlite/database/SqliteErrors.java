package io.mcpconn.infrastructure.sqlite.database;

import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Reads SQLite's errors out of the exceptions that JDBC, jOOQ and Flyway wrap them in. */
public final class SqliteErrors {

    private SqliteErrors() {
    }

    /** Returns the outermost SQL error in a failure's cause chain, if there is one. */
    public static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns SQLite's own message. sqlite-jdbc words every error as "[CODE] generic text (message)";
     * only the part in parentheses says what happened, e.g. the text a trigger gave to RAISE.
     */
    public static String messageOf(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String prefix = "[" + code.name() + "] " + code.message + " (";
            if (message.startsWith(prefix) && message.endsWith(")")) {
                return message.substring(prefix.length(), message.length() - 1);
            }
        }
        return message;
    }
}
