package io.mcpconn.infrastructure.sqlite.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A table's columns and indexes as SQLite reports them ({@code PRAGMA table_info},
 * {@code index_list}, {@code index_info}): what the seed's verification looks at, and what decides
 * whether a table made elsewhere is the one V1 would have made.
 *
 * @param columns in declaration order
 * @param indexes by name, including SQLite's own for the primary key
 */
public record TableShape(List<Column> columns, List<Index> indexes) {

    /**
     * One column.
     *
     * @param name the column's name
     * @param type the declared type, upper case
     * @param notNull whether it is NOT NULL
     * @param defaultValue the default's SQL text, if there is one
     * @param primaryKeyPosition 1-based position in the primary key, 0 if not part of it
     */
    public record Column(String name, String type, boolean notNull, Optional<String> defaultValue,
            int primaryKeyPosition) {

        /** Checks the fields and upper-cases the type, which SQLite compares without case. */
        public Column {
            Objects.requireNonNull(name, "name");
            type = type.toUpperCase(Locale.ROOT);
            Objects.requireNonNull(defaultValue, "defaultValue");
        }

        // Written out, as in Index: a record's own equals is bootstrapped on first use, which costs
        // every command that checks the schema (all of them) about 10 ms.
        @Override
        public boolean equals(Object other) {
            return other instanceof Column column && name.equals(column.name) && type.equals(column.type)
                    && notNull == column.notNull && defaultValue.equals(column.defaultValue)
                    && primaryKeyPosition == column.primaryKeyPosition;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, type, notNull, defaultValue, primaryKeyPosition);
        }

        @Override
        public String toString() {
            return name + " " + type + (notNull ? " NOT NULL" : "") + defaultValue.map(d -> " DEFAULT " + d).orElse("")
                    + (primaryKeyPosition > 0 ? " PRIMARY KEY" : "");
        }
    }

    /**
     * One index.
     *
     * @param name the index's name
     * @param unique whether it is unique
     * @param columns its columns in order
     */
    public record Index(String name, boolean unique, List<String> columns) {

        /** Checks the fields and copies the list. */
        public Index {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Index index && name.equals(index.name) && unique == index.unique
                    && columns.equals(index.columns);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, unique, columns);
        }

        @Override
        public String toString() {
            return (unique ? "UNIQUE " : "") + name + " (" + String.join(", ", columns) + ")";
        }
    }

    /** Copies the lists and orders the indexes by name, the order SQLite does not guarantee. */
    public TableShape {
        columns = List.copyOf(columns);
        indexes = indexes.stream().sorted(Comparator.comparing(Index::name)).toList();
    }

    /** Reads a table's shape; empty if the table does not exist. */
    static Optional<TableShape> read(Connection connection, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM pragma_table_info(?)")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(new Column(rows.getString("name"), rows.getString("type"), rows.getInt("notnull") == 1,
                            Optional.ofNullable(rows.getString("dflt_value")), rows.getInt("pk")));
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, \"unique\" FROM pragma_index_list(?)")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    indexes.add(new Index(name, rows.getInt(2) == 1, indexColumns(connection, name)));
                }
            }
        }
        return Optional.of(new TableShape(columns, indexes));
    }

    /**
     * Lists how this shape differs from the expected one, one line per column or index that is
     * missing, extra or different; empty when they are the same.
     */
    public List<String> differencesFrom(TableShape expected) {
        List<String> differences = new ArrayList<>();
        compare("column", expected.columns, columns, Column::name, differences);
        compare("index", expected.indexes, indexes, Index::name, differences);
        return differences;
    }

    private static <T> void compare(String kind, List<T> expected, List<T> actual,
            java.util.function.Function<T, String> name, List<String> differences) {
        for (T wanted : expected) {
            Optional<T> found = actual.stream().filter(a -> name.apply(a).equals(name.apply(wanted))).findFirst();
            if (found.isEmpty()) {
                differences.add("missing " + kind + " " + wanted);
            } else if (!found.get().equals(wanted)) {
                differences.add(kind + " " + found.get() + " should be " + wanted);
            }
        }
        for (T present : actual) {
            if (expected.stream().noneMatch(e -> name.apply(e).equals(name.apply(present)))) {
                differences.add("unexpected " + kind + " " + present);
            }
        }
        if (differences.isEmpty() && !names(expected, name).equals(names(actual, name))) {
            differences.add(kind + "s in another order: " + names(actual, name) + " instead of " + names(expected, name));
        }
    }

    private static <T> List<String> names(List<T> items, java.util.function.Function<T, String> name) {
        return items.stream().map(name).toList();
    }

    private static List<String> indexColumns(Connection connection, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
            statement.setString(1, index);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // An indexed expression has no column name.
                    String name = rows.getString(1);
                    columns.add(name == null ? ExpectedSchema.EXPRESSION : name);
                }
            }
        }
        return columns;
    }
}
