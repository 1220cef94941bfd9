package io.mcpconn.benchmarks.floor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpconn.benchmarks.ConnectionStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor: the benchmarked operations in plain sqlite-jdbc, with statements prepared once per
 * connection and reused, Jackson trees for the JSON columns, and nothing else. What the adapter
 * costs above this is what its layers cost.
 *
 * <p>One writer and one reader connection, set up as the adapter's. Not thread-safe.
 */
public final class FloorStore implements ConnectionStore<FloorRow, FloorPage> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

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
            insert = writer.prepareStatement(FloorSql.INSERT);
            update = writer.prepareStatement(FloorSql.UPDATE);
            byId = reader.prepareStatement(FloorSql.BY_ID);
            namespacePage = reader.prepareStatement(FloorSql.namespacePage(pageSize));
            namespacePageAfter = reader.prepareStatement(FloorSql.namespacePageAfter(pageSize));
            agentPage = reader.prepareStatement(FloorSql.agentPage(pageSize));
            agentPageAfter = reader.prepareStatement(FloorSql.agentPageAfter(pageSize));
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
        // server_name leads config_json, as the adapter writes it; the other members are shared, not copied.
        ObjectNode config = MAPPER.createObjectNode().put("server_name", serverName);
        template.config().properties().forEach(member -> {
            if (!member.getKey().equals("server_name")) {
                config.set(member.getKey(), member.getValue());
            }
        });
        String at = stored(now);
        return new FloorRow(id, serverName, namespace, agent, "active", config, template.tools(), null, null, at, at,
                null, at, 0);
    }

    @Override
    public void insert(FloorRow connection) {
        inTransaction(() -> {
            bindInsert(connection);
            insert.executeUpdate();
        });
    }

    @Override
    public void insertAll(List<FloorRow> connections) {
        inTransaction(() -> {
            for (FloorRow connection : connections) {
                bindInsert(connection);
                insert.addBatch();
            }
            insert.executeBatch();
        });
    }

    @Override
    public FloorRow findById(String namespace, String id) {
        try {
            byId.setString(1, namespace);
            byId.setString(2, id);
            try (ResultSet rows = byId.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no connection " + id + " in " + namespace);
                }
                return row(rows);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read connection " + id, e);
        }
    }

    @Override
    public FloorRow change(FloorRow loaded, Instant now) {
        String at = stored(now);
        return switch (loaded.status()) {
            case "active" -> with(loaded, "error", "benchmark: the server stopped answering", at,
                    loaded.connectedAt(), loaded.disconnectedAt(), at);
            case "error", "disconnected" -> with(loaded, "connecting", null, null,
                    loaded.connectedAt(), loaded.disconnectedAt(), at);
            case "connecting" -> with(loaded, "active", null, null, at, loaded.disconnectedAt(), at);
            default -> with(loaded, "disconnected", null, null, loaded.connectedAt(), at, at);
        };
    }

    // Tools stay as loaded: a reconnect that discovers the same tools writes them again, as the adapter does.
    private static FloorRow with(FloorRow row, String status, String error, String errorAt, String connectedAt,
            String disconnectedAt, String updatedAt) {
        return new FloorRow(row.id(), row.serverName(), row.namespace(), row.agentId(), status, row.config(), row.tools(),
                error, errorAt, row.createdAt(), connectedAt, disconnectedAt, updatedAt, row.version());
    }

    @Override
    public FloorRow update(FloorRow changed) {
        long next = changed.version() + 1;
        inTransaction(() -> {
            update.setString(1, changed.status());
            update.setString(2, MAPPER.writeValueAsString(changed.config()));
            update.setString(3, MAPPER.writeValueAsString(changed.tools()));
            update.setString(4, changed.errorMessage());
            update.setString(5, changed.errorAt());
            update.setString(6, changed.connectedAt());
            update.setString(7, changed.disconnectedAt());
            update.setString(8, changed.updatedAt());
            update.setLong(9, next);
            update.setString(10, changed.id());
            update.setString(11, changed.namespace());
            update.setLong(12, changed.version());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("connection " + changed.id() + " is no longer at version "
                        + changed.version());
            }
        });
        return new FloorRow(changed.id(), changed.serverName(), changed.namespace(), changed.agentId(),
                changed.status(), changed.config(), changed.tools(), changed.errorMessage(), changed.errorAt(),
                changed.createdAt(), changed.connectedAt(), changed.disconnectedAt(), changed.updatedAt(), next);
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
        try {
            PreparedStatement statement = request.isFirst() ? namespacePage : namespacePageAfter;
            statement.setString(1, namespace);
            if (!request.isFirst()) {
                statement.setString(2, request.position());
                statement.setString(3, request.id());
            }
            return rows(statement);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot list " + namespace, e);
        }
    }

    @Override
    public List<FloorRow> agentPage(String namespace, String agent, FloorPage request) {
        try {
            PreparedStatement statement = request.isFirst() ? agentPage : agentPageAfter;
            statement.setString(1, namespace);
            statement.setString(2, agent);
            if (!request.isFirst()) {
                statement.setString(3, request.position());
                statement.setString(4, request.id());
            }
            return rows(statement);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot list " + agent + " in " + namespace, e);
        }
    }

    @Override
    public void close() {
        try (writer; reader) {
            // Closing a connection closes its statements.
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the floor", e);
        }
    }

    private List<FloorRow> rows(PreparedStatement statement) throws SQLException, JsonProcessingException {
        List<FloorRow> page = new ArrayList<>(pageSize);
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                page.add(row(rows));
            }
        }
        return page;
    }

    private static FloorRow row(ResultSet rows) throws SQLException, JsonProcessingException {
        return new FloorRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), MAPPER.readTree(rows.getString(6)), MAPPER.readTree(rows.getString(7)),
                rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11), rows.getString(12),
                rows.getString(13), rows.getLong(14));
    }

    private void bindInsert(FloorRow row) throws SQLException, JsonProcessingException {
        insert.setString(1, row.id());
        insert.setString(2, row.serverName());
        insert.setString(3, row.namespace());
        insert.setString(4, row.agentId());
        insert.setString(5, row.status());
        insert.setString(6, MAPPER.writeValueAsString(row.config()));
        insert.setString(7, MAPPER.writeValueAsString(row.tools()));
        insert.setString(8, row.errorMessage());
        insert.setString(9, row.errorAt());
        insert.setString(10, row.createdAt());
        insert.setString(11, row.connectedAt());
        insert.setString(12, row.disconnectedAt());
        insert.setString(13, row.updatedAt());
        insert.setLong(14, row.version());
    }

    /** Work on the writer inside one IMMEDIATE transaction, the JDBC way: all of it or none. */
    private void inTransaction(Work work) {
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

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException, JsonProcessingException;
    }
}
