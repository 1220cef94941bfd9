package io.mcpconn.infrastructure.jdbc.connection;

import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.event.EventId;
import io.mcpconn.infrastructure.jdbc.database.Statements;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;

/** Writes events into {@code mcp_connection_events} inside the transaction of the change that raised them. */
public final class EventRows {

    /** The outbox table (migration V6). */
    public static final String TABLE = "mcp_connection_events";

    static final String INSERT = "INSERT INTO " + TABLE
            + " (event_id, connection_id, namespace, event_type, payload_json, occurred_at) VALUES (?, ?, ?, ?, ?, ?)";

    private EventRows() {
    }

    /** Stores {@code events} in order, each with a new id, on the caller's transaction. */
    public static void insert(Statements statements, List<McpConnectionEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        var insert = statements.prepare(INSERT);
        for (var event : events) {
            insert.setString(1, EventId.random().toString());
            insert.setString(2, event.connectionId().value());
            insert.setString(3, event.namespace().value());
            insert.setString(4, EventJson.type(event));
            insert.setString(5, EventJson.payload(event));
            insert.setString(6, StoredTimestamps.format(event.occurredAt()));
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** Stores {@code events} in order, each with a new id, on the caller's jOOQ transaction. */
    public static void insert(DSLContext dsl, List<McpConnectionEvent> events) {
        for (var event : events) {
            dsl.execute(INSERT, EventId.random().toString(), event.connectionId().value(), event.namespace().value(),
                    EventJson.type(event), EventJson.payload(event), StoredTimestamps.format(event.occurredAt()));
        }
    }
}
