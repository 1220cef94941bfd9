package io.mcpconn.infrastructure.postgres.database;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns the driver's errors about reaching the server (rather than about a statement) into one
 * {@link PostgresUnavailableException} with the database, the cause and the fix. Never quotes the
 * password: the driver's messages name the user and the database only.
 */
final class PostgresFailures {

    private PostgresFailures() {
    }

    /** The explanation of {@code failure} if it is about the server, the credentials or the database; else empty. */
    static Optional<RuntimeException> explain(PostgresDatabaseOptions options, Throwable failure) {
        SQLException sql = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException found) {
                sql = found;
                break;
            }
        }
        if (sql == null) {
            return Optional.empty();
        }
        var state = String.valueOf(sql.getSQLState());
        var database = options.location().describe();
        var where = options.location().host() + ":" + options.location().port();
        var said = " (PostgreSQL: " + PostgresDialect.INSTANCE.messageOf(sql) + ")";
        RuntimeException explained;
        if (state.equals("28P01") || state.equals("28000")) {
            explained = new PostgresUnavailableException(database, "the server refused user " + options.user()
                    + (options.hasPassword() ? " with the password given" : ", and no password was given") + said,
                    "give the password in PGPASSWORD or a pass file (PGPASSFILE, ~/.pgpass), and check the user",
                    sql);
        } else if (state.equals("3D000")) {
            explained = new PostgresUnavailableException(database, "the server has no database "
                    + options.location().database() + said, "create it (createdb -h " + options.location().host()
                            + " -p " + options.location().port() + " " + options.location().database()
                            + ") or correct the URL", sql);
        } else if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")) {
            explained = new PostgresUnavailableException(database, "the server at " + where
                    + " cannot be reached or is not accepting connections" + said,
                    "check that PostgreSQL runs there and accepts TCP connections from this host"
                            + " (pg_isready -h " + options.location().host() + " -p " + options.location().port() + ")",
                    sql);
        } else {
            explained = null;
        }
        return Optional.ofNullable(explained);
    }
}
