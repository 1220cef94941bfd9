package io.mcpconn.benchmarks.dataset;

import io.mcpconn.benchmarks.floor.SqliteConnections;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.postgres.migration.PostgresSchemaMigrator;
import io.mcpconn.infrastructure.sqlite.migration.ExpectedSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The data sets on PostgreSQL: each a database on the benchmarks' server, loaded by {@code COPY}
 * from the SQLite data set of the same spec (so both databases hold the very same rows, odd
 * timestamp forms included, and the targets drawn from the SQLite file hold for both), then
 * vacuumed and analysed. It is built under a {@code _loading} name and renamed once complete, so a
 * database under its final name is whole; the name carries rows, seed and schema version, as the
 * SQLite file's does. Writes go to a copy made with {@code CREATE DATABASE … TEMPLATE}.
 */
public final class PostgresDatasets {

    private static final String LOADING = "_loading";
    private static final String WORK = "_work_";
    private static final int COPY_CHUNK = 2_000;
    private static final String COPY = "COPY mcp_connections (id, server_name, namespace, agent_id, status,"
            + " config_json, tools_json, error_message, error_at, created_at, connected_at, disconnected_at,"
            + " updated_at, version) FROM STDIN WITH (FORMAT csv)";
    private static final String SOURCE = "SELECT id, server_name, namespace, agent_id, status, config_json,"
            + " tools_json, error_message, error_at, created_at, connected_at, disconnected_at, updated_at, version"
            + " FROM mcp_connections ORDER BY rowid";

    private PostgresDatasets() {
    }

    /** The data set {@code spec} on the configured server, loaded first if it is not there. */
    public static synchronized Dataset.Postgres ensure(DatasetSpec spec) {
        PostgresServerAddress server = PostgresServerAddress.configured();
        String name = databaseName(spec, head(server));
        try (Connection admin = server.connect(PostgresServerAddress.MAINTENANCE_DATABASE)) {
            if (exists(admin, name)) {
                return new Dataset.Postgres(server, name);
            }
            Path source = Datasets.ensure(spec);
            String loading = name + LOADING;
            execute(admin, "DROP DATABASE IF EXISTS " + quoted(loading) + " WITH (FORCE)");
            execute(admin, "CREATE DATABASE " + quoted(loading));
            load(server, loading, source, spec);
            execute(admin, "ALTER DATABASE " + quoted(loading) + " RENAME TO " + quoted(name));
            return new Dataset.Postgres(server, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build data set " + name + " on " + server + ": " + e.getMessage(), e);
        }
    }

    /** A fresh copy of {@code dataset} for benchmarks that write. */
    static Dataset.Postgres copyForWrites(Dataset.Postgres dataset) {
        String copy = dataset.name() + WORK + UUID.randomUUID().toString().substring(0, 8);
        // FILE_COPY: a checkpoint and a copy of the files, where PostgreSQL 15's default (WAL_LOG)
        // writes every page of a large template through the WAL.
        administer(dataset.server(), "CREATE DATABASE " + quoted(copy) + " TEMPLATE " + quoted(dataset.name())
                + " STRATEGY FILE_COPY");
        return new Dataset.Postgres(dataset.server(), copy);
    }

    static void dropPagingIndexes(Dataset.Postgres dataset) {
        try (Connection connection = dataset.server().connect(dataset.name())) {
            execute(connection, "DROP INDEX " + ExpectedSchema.PAGE_INDEX + ", " + ExpectedSchema.AGENT_PAGE_INDEX);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the paging indexes of " + dataset.name() + ": " + e.getMessage(), e);
        }
    }

    static void drop(PostgresServerAddress server, String name) {
        administer(server, "DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)");
    }

    /** Drops the copies runs that were killed left behind; the data sets themselves stay. */
    public static void dropLeftoverCopies(PostgresServerAddress server) {
        try (Connection admin = server.connect(PostgresServerAddress.MAINTENANCE_DATABASE);
                PreparedStatement copies = admin.prepareStatement("SELECT datname FROM pg_database WHERE strpos(datname, ?) > 0")) {
            copies.setString(1, WORK);
            List<String> names = new ArrayList<>();
            try (ResultSet result = copies.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            for (String name : names) {
                execute(admin, "DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop left-over copies on " + server + ": " + e.getMessage(), e);
        }
    }

    /** The database's name: the SQLite file's, in PostgreSQL's identifier letters. */
    static String databaseName(DatasetSpec spec, String schemaHead) {
        return spec.fileName(schemaHead).replace(".db", "").replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static String head(PostgresServerAddress server) {
        // The migrator reads the shipped scripts from the class path; it needs a database to be made, not to answer.
        try (PostgresDatabase database = server.open(PostgresServerAddress.MAINTENANCE_DATABASE)) {
            return new PostgresSchemaMigrator(database).head();
        }
    }

    private static void load(PostgresServerAddress server, String name, Path source, DatasetSpec spec) {
        long started = System.nanoTime();
        System.out.printf("data set %s: loading %,d rows from %s%n", name, spec.rows(), source.getFileName());
        try (PostgresDatabase database = server.open(name)) {
            new PostgresSchemaMigrator(database).migrate();
            try (Connection target = database.dataSource().getConnection();
                    Connection reader = SqliteConnections.reader(source);
                    Statement select = reader.createStatement();
                    ResultSet rows = select.executeQuery(SOURCE)) {
                CopyIn copy = target.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
                try {
                    StringBuilder chunk = new StringBuilder();
                    int n = 0;
                    while (rows.next()) {
                        for (int column = 1; column <= 14; column++) {
                            csv(chunk, rows.getString(column));
                            chunk.append(column < 14 ? ',' : '\n');
                        }
                        if (++n % COPY_CHUNK == 0) {
                            write(copy, chunk);
                        }
                    }
                    write(copy, chunk);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                // Outside a transaction (the pool's connections auto-commit): the planner gets statistics,
                // and the visibility map is set, as on a database that has been in use a while.
                execute(target, "VACUUM (ANALYZE) mcp_connections");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load " + source + " into " + name + ": " + e.getMessage(), e);
        }
        System.out.printf("data set %s: loaded in %.1f s%n", name, (System.nanoTime() - started) / 1e9);
    }

    // CSV as COPY reads it: NULL is an empty unquoted field, every value is quoted, quotes doubled.
    private static void csv(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    private static boolean exists(Connection admin, String name) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void administer(PostgresServerAddress server, String sql) {
        try (Connection admin = server.connect(PostgresServerAddress.MAINTENANCE_DATABASE)) {
            execute(admin, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + server + ": " + e.getMessage(), e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
