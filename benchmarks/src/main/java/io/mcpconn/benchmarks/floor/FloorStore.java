package io.mcpconn.benchmarks.floor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mcpconn.benchmarks.ConnectionStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The SQLite floor: the benchmarked operations in plain sqlite-jdbc, with statements prepared once
 * per connection and reused, Jackson trees for the JSON columns, and nothing else. What the adapter
 * costs above this is what its layers cost. Rows are built, bound and read by {@link FloorRows},
 * as on PostgreSQL ({@link PostgresFloorStore}).
 *
 * <p>One writer and one reader connection, set up as the adapter's. Not thread-safe.
 */
public final class FloorStore implements ConnectionStore<FloorRow, FloorPage> {

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final FloorSql SQL = FloorSql.SQLITE;

    private final Connection writer;
    private final Connection reader;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement byId;
    private final PreparedStatement namespacePage;
    private final PreparedStatement namespacePageAfter;
    private final PreparedStatement agentPage;
    private final PreparedStatement agentPageAfter;
    private final int pageSize;

    /** Opens the floor on a migrated database file, reading pages of {@code pageSize}. */
    public FloorStore(Path file, int pageSize) {
        this.pageSize = pageSize;
        try {
            writer = SqliteConnections.writer(file);
            reader = SqliteConnections.reader(file);
            insert = writer.prepareStatement(SQL.insert());
            update = writer.prepareStatement(SQL.update());
            byId = reader.prepareStatement(SQL.byId());
            namespacePage = reader.prepareStatement(SQL.namespacePage(pageSize));
            namespacePageAfter = reader.prepareStatement(SQL.namespacePageAfter(pageSize));
            agentPage = reader.prepareStatement(SQL.agentPage(pageSize));
            agentPageAfter = reader.prepareStatement(SQL.agentPageAfter(pageSize));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the floor on " + file, e);
        }
    }

    /** A timestamp in the form this library writes. */
    public static String stored(Instant instant) {
        return STORED.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public FloorRow newConnection(FloorRow template, String id, String serverName, String namespace, String agent,
            Instant now) {
        return FloorRows.newConnection(template, id, serverName, namespace, agent, now);
    }

    @Override
    public void insert(FloorRow connection) {
        inTransaction(() -> {
            FloorRows.bindInsert(insert, connection);
            return insert.executeUpdate();
        });
    }

    @Override
    public void insertAll(List<FloorRow> connections) {
        inTransaction(() -> {
            for (FloorRow connection : connections) {
                FloorRows.bindInsert(insert, connection);
                insert.addBatch();
            }
            return insert.executeBatch();
        });
    }

    @Override
    public FloorRow findById(String namespace, String id) {
        try {
            return FloorRows.one(byId, namespace, id);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read connection " + id, e);
        }
    }

    @Override
    public FloorRow change(FloorRow loaded, Instant now) {
        return FloorRows.change(loaded, now);
    }

    @Override
    public FloorRow update(FloorRow changed) {
        long next = changed.version() + 1;
        inTransaction(() -> {
            FloorRows.update(update, changed, next);
            return null;
        });
        return FloorRows.atVersion(changed, next);
    }

    @Override
    public FloorPage firstPage() {
        return FloorPage.FIRST;
    }

    @Override
    public FloorPage pageAfter(String position, String id) {
        return new FloorPage(position, id);
    }

    @Override
    public List<FloorRow> page(String namespace, FloorPage request) {
        return read(request.isFirst() ? namespacePage : namespacePageAfter, namespace, null, request);
    }

    @Override
    public List<FloorRow> agentPage(String namespace, String agent, FloorPage request) {
        return read(request.isFirst() ? agentPage : agentPageAfter, namespace, agent, request);
    }

    @Override
    public void close() {
        try (writer; reader) {
            // Closing a connection closes its statements.
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the floor", e);
        }
    }

    private List<FloorRow> read(PreparedStatement statement, String namespace, String agent, FloorPage request) {
        try {
            FloorRows.bindPage(statement, namespace, agent, request);
            return FloorRows.rows(statement, pageSize);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot list " + (agent == null ? "" : agent + " in ") + namespace, e);
        }
    }

    /** Work on the writer inside one IMMEDIATE transaction, the JDBC way: all of it or none. */
    private void inTransaction(FloorRows.Work<?> work) {
        try {
            writer.setAutoCommit(false);
            try {
                work.run();
                writer.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                // sqlite-jdbc begins the next transaction at once while auto-commit is off; that
                // would hold the write lock between operations.
                writer.setAutoCommit(true);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("write failed: " + e.getMessage(), e);
        }
    }
}
