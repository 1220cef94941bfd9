package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Reads a database's schema the way the seed checks it: PRAGMAs and EXPLAIN QUERY PLAN. */
final class Schema {

    /** One row of {@code PRAGMA table_info}; {@code defaultValue} is null where the column has none. */
    record Column(String name, String type, boolean notNull, String defaultValue, int primaryKeyPosition) {
    }

    /** One row of {@code PRAGMA index_list} with its columns from {@code PRAGMA index_info}. */
    record Index(String name, boolean unique, String origin, List<String> columns) {
    }

    private Schema() {
    }

    static List<Column> columns(SqliteDatabase database, String table) {
        // Plain JDBC: dflt_value has no declared type, so jOOQ would type the column after its
        // first value, which is NULL, and read every default as null.
        return database.read(dsl -> dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM pragma_table_info(?)")) {
                statement.setString(1, table);
                List<Column> columns = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        columns.add(new Column(rows.getString("name"), rows.getString("type"),
                                rows.getInt("notnull") == 1, rows.getString("dflt_value"), rows.getInt("pk")));
                    }
                }
                return columns;
            }
        }));
    }

    static List<Index> indexes(SqliteDatabase database, String table) {
        return database.read(dsl -> dsl.fetch("SELECT * FROM pragma_index_list(?) ORDER BY name", table)
                .map(row -> new Index(row.get("name", String.class), row.get("unique", Integer.class) == 1,
                        row.get("origin", String.class), indexColumns(dsl, row.get("name", String.class)))));
    }

    static List<String> tables(SqliteDatabase database) {
        return database.read(dsl -> dsl.fetch("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .getValues(0, String.class));
    }

    static List<String> indexNames(SqliteDatabase database) {
        return database.read(dsl -> dsl.fetch("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
                .getValues(0, String.class));
    }

    /** The detail lines of {@code EXPLAIN QUERY PLAN} for a query with bound parameters. */
    static List<String> queryPlan(SqliteDatabase database, String sql, Object... parameters) {
        return database.read(dsl -> {
            // An EXPLAIN does not check that the connection's copy of the schema is current, so on
            // a connection that has not read since another one migrated, it plans against the old
            // schema. A real read first makes SQLite notice the change and reload.
            dsl.fetch("SELECT count(*) FROM sqlite_master");
            return dsl.fetch("EXPLAIN QUERY PLAN " + sql, parameters).getValues("detail", String.class);
        });
    }

    /** The text of one of the down scripts under {@code db/rollback}, as shipped. */
    static String rollbackScript(String name) {
        return resource("db/rollback/" + name);
    }

    /**
     * Runs one of the down scripts under {@code db/rollback} in a single write transaction. The
     * scripts hold whole-line comments and plain statements, one per semicolon, which is all this
     * splitting supports. Comments go first, as they may hold a semicolon themselves.
     */
    static void runRollbackScript(SqliteDatabase database, String name) {
        String code = rollbackScript(name).lines()
                .filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        List<String> statements = Arrays.stream(code.split(";"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
        database.write(dsl -> {
            statements.forEach(dsl::execute);
            return statements.size();
        });
    }

    private static List<String> indexColumns(DSLContext dsl, String index) {
        return dsl.fetch("SELECT name FROM pragma_index_info(?) ORDER BY seqno", index).getValues(0, String.class);
    }

    private static String resource(String path) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
