package io.mcpconn.testkit.attack;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Raw dumps of a SQL database for the attack suites, read past every adapter: every row of every
 * table, each value as its exact code units, so that a change the ports cannot see (a row in a
 * namespace no one asks for, a replaced character) still shows.
 */
public final class RawTables {

    private RawTables() {
    }

    /** Every row of every table of {@code schema} (null for SQLite's only one), tables by name, rows sorted. */
    public static String dump(Connection connection, String schema) throws SQLException {
        return dumpTables(connection, tables(connection, schema));
    }

    /** The tables of {@code schema} (null for SQLite's only one), by name. */
    public static List<String> tables(Connection connection, String schema) throws SQLException {
        var tables = new ArrayList<String>();
        try (var result = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (result.next()) {
                tables.add(result.getString("TABLE_NAME"));
            }
        }
        tables.sort(null);
        return tables;
    }

    /** Every row of each of {@code tables}, rows sorted: for dumps taken often, with the tables listed once. */
    public static String dumpTables(Connection connection, List<String> tables) throws SQLException {
        var out = new StringBuilder();
        for (var table : tables) {
            out.append("table ").append(table).append('\n');
            var rows = query(connection, "SELECT * FROM " + quoted(table));
            rows.sort(null);
            rows.forEach(row -> out.append("  ").append(row).append('\n'));
        }
        return out.toString();
    }

    /** The rows {@code sql} answers, each as its columns' names and exact values, in the order answered. */
    public static List<String> query(Connection connection, String sql) throws SQLException {
        var rows = new ArrayList<String>();
        try (var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            var meta = result.getMetaData();
            while (result.next()) {
                var row = new StringBuilder();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    var value = result.getString(column);
                    row.append(column > 1 ? ", " : "").append(meta.getColumnLabel(column)).append('=')
                            .append(value == null ? "NULL" : exact(value));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** One row as {@link #query} renders it, from its columns' names and values. */
    public static String row(List<String> columns, List<String> values) {
        var row = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            row.append(i > 0 ? ", " : "").append(columns.get(i)).append('=')
                    .append(values.get(i) == null ? "NULL" : exact(values.get(i)));
        }
        return row.toString();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    // Every code unit outside printable ASCII spelled out, so that two dumps differ whenever the text does.
    private static String exact(String text) {
        var out = new StringBuilder("'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F && c != '\\' ? String.valueOf(c)
                    : String.format(Locale.ROOT, "\\u%04X", (int) c));
        }
        return out.append('\'').toString();
    }
}
