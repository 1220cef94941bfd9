package io.mcpconn.infrastructure.sqlite.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * What the SQLite library in use can do, as far as the schema cares.
 *
 * @param version the library's version
 * @param jsonFunctions whether the JSON functions answer ({@code json_valid('{}')} is 1); SQLite
 *     can be built without them even in versions that have them
 */
public record SqliteCapabilities(SqliteVersion version, boolean jsonFunctions) {

    /** Checks the fields. */
    public SqliteCapabilities {
        Objects.requireNonNull(version, "version");
    }

    /** Asks the library behind a connection. */
    static SqliteCapabilities probe(Connection connection) throws SQLException {
        SqliteVersion version;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT sqlite_version()")) {
            row.next();
            version = SqliteVersion.parse(row.getString(1));
        }
        boolean json;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT json_valid('{}')")) {
            json = row.next() && row.getInt(1) == 1;
        } catch (SQLException noSuchFunction) {
            // "no such function: json_valid" is the answer being asked for, not a failure.
            json = false;
        }
        return new SqliteCapabilities(version, json);
    }
}
