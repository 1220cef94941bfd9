package io.mcpconn.benchmarks.floor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What both floors do the same way, whatever the database: build and change rows, bind them to
 * {@link FloorSql}'s statements and read them back, with Jackson trees for the JSON columns.
 * Timestamps stay the text each database gives and takes, so that nothing is converted that a
 * hand-written caller would not convert.
 */
final class FloorRows {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private FloorRows() {
    }

    static FloorRow newConnection(FloorRow template, String id, String serverName, String namespace, String agent,
            Instant now) {
        // server_name leads config_json, as the adapter writes it; the other members are shared, not copied.
        ObjectNode config = MAPPER.createObjectNode().put("server_name", serverName);
        template.config().properties().forEach(member -> {
            if (!member.getKey().equals("server_name")) {
                config.set(member.getKey(), member.getValue());
            }
        });
        String at = FloorStore.stored(now);
        return new FloorRow(id, serverName, namespace, agent, "active", config, template.tools(), null, null, at, at,
                null, at, 0);
    }

    /** One step round active, error, connecting, active. */
    static FloorRow change(FloorRow loaded, Instant now) {
        String at = FloorStore.stored(now);
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

    /** {@code changed} as saved at {@code version}. */
    static FloorRow atVersion(FloorRow changed, long version) {
        return new FloorRow(changed.id(), changed.serverName(), changed.namespace(), changed.agentId(),
                changed.status(), changed.config(), changed.tools(), changed.errorMessage(), changed.errorAt(),
                changed.createdAt(), changed.connectedAt(), changed.disconnectedAt(), changed.updatedAt(), version);
    }

    static void bindInsert(PreparedStatement insert, FloorRow row) throws SQLException, JsonProcessingException {
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

    /**
     * Runs the version-checked update of {@code changed} to version {@code next} on
     * {@code update}, in the caller's transaction.
     *
     * @throws IllegalStateException if the stored row is no longer at {@code changed}'s version
     */
    static void update(PreparedStatement update, FloorRow changed, long next)
            throws SQLException, JsonProcessingException {
        bindUpdate(update, changed, next);
        if (update.executeUpdate() != 1) {
            throw new IllegalStateException("connection " + changed.id() + " is no longer at version "
                    + changed.version());
        }
    }

    /** Binds the version-checked update of {@code changed} to version {@code next}. */
    private static void bindUpdate(PreparedStatement update, FloorRow changed, long next)
            throws SQLException, JsonProcessingException {
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
    }

    /** Binds a page's filter: the namespace, the agent unless {@code null}, then the position unless it is the first page. */
    static void bindPage(PreparedStatement statement, String namespace, String agent, FloorPage request)
            throws SQLException {
        int next = 1;
        statement.setString(next++, namespace);
        if (agent != null) {
            statement.setString(next++, agent);
        }
        if (!request.isFirst()) {
            statement.setString(next++, request.position());
            statement.setString(next, request.id());
        }
    }

    static FloorRow one(PreparedStatement byId, String namespace, String id) throws SQLException, JsonProcessingException {
        byId.setString(1, namespace);
        byId.setString(2, id);
        try (ResultSet rows = byId.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("no connection " + id + " in " + namespace);
            }
            return row(rows);
        }
    }

    static List<FloorRow> rows(PreparedStatement statement, int pageSize) throws SQLException, JsonProcessingException {
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

    /** JDBC work that may also fail to write JSON. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException, JsonProcessingException;
    }
}
