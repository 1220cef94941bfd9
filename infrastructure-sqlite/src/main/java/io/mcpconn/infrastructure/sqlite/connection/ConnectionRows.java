package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.LastError;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.sqlite.jooq.tables.records.McpConnectionsRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.JSON;

/**
 * Translates between a row of {@code mcp_connections} and the aggregate's snapshot. Every column
 * is read on its own, so that a bad value is reported with its row and column.
 */
final class ConnectionRows {

    private static final String KNOWN_STATUSES = Arrays.stream(ConnectionStatus.values())
            .map(ConnectionStatus::storageName).collect(Collectors.joining(", "));

    private ConnectionRows() {
    }

    static McpConnectionsRecord toRecord(McpConnectionSnapshot state, long version) {
        var row = new McpConnectionsRecord();
        row.setId(state.id().value());
        row.setServerName(state.serverName().value());
        row.setNamespace(state.namespace().value());
        row.setAgentId(state.agentId().value());
        row.setStatus(state.status().storageName());
        row.setConfigJson(JSON.valueOf(ConnectionJson.writeConfig(state.serverName(), state.config())));
        row.setToolsJson(JSON.valueOf(ConnectionJson.writeTools(state.tools())));
        row.setErrorMessage(state.lastError().map(LastError::message).orElse(null));
        row.setErrorAt(text(state.lastError().map(LastError::at)));
        row.setCreatedAt(StoredTimestamps.format(state.createdAt()));
        row.setConnectedAt(text(state.connectedAt()));
        row.setDisconnectedAt(text(state.disconnectedAt()));
        row.setUpdatedAt(text(state.updatedAt()));
        row.setVersion(version);
        return row;
    }

    static McpConnectionSnapshot toSnapshot(McpConnectionsRecord row) {
        var rowId = row.getId();
        var status = column(rowId, "status", row.getStatus(), ConnectionRows::status);
        var createdAt = column(rowId, "created_at", row.getCreatedAt(), StoredTimestamps::parse);
        var updatedAt = instant(rowId, "updated_at", row.getUpdatedAt());
        return new McpConnectionSnapshot(
                column(rowId, "id", row.getId(), ConnectionId::of),
                column(rowId, "server_name", row.getServerName(), ServerName::of),
                column(rowId, "namespace", row.getNamespace(), Namespace::of),
                column(rowId, "agent_id", row.getAgentId(), AgentId::of),
                column(rowId, "config_json", row.getConfigJson(), json -> ConnectionJson.readConfig(json.data())),
                status,
                column(rowId, "tools_json", row.getToolsJson(), json -> ConnectionJson.readTools(json.data())),
                lastError(row, status, updatedAt.orElse(createdAt)),
                createdAt,
                instant(rowId, "connected_at", row.getConnectedAt()),
                instant(rowId, "disconnected_at", row.getDisconnectedAt()),
                updatedAt,
                row.getVersion() == null ? 0 : row.getVersion());
    }

    // The seed fills error_message and error_at "if status=ERROR": in any other status they describe
    // nothing current (another writer may have left them behind) and are not read. An error without
    // its time is dated by the row's last change.
    private static Optional<LastError> lastError(McpConnectionsRecord row, ConnectionStatus status, Instant lastChange) {
        var message = row.getErrorMessage();
        if (status != ConnectionStatus.ERROR || message == null || message.isBlank()) {
            return Optional.empty();
        }
        var kept = message.strip();
        return Optional.of(new LastError(kept.length() > LastError.MAX_LENGTH ? kept.substring(0, LastError.MAX_LENGTH) : kept,
                instant(row.getId(), "error_at", row.getErrorAt()).orElse(lastChange)));
    }

    private static ConnectionStatus status(String stored) {
        return ConnectionStatus.fromStorageName(stored).orElseThrow(() -> new ConnectionJson.ColumnValueException(
                "holds the unknown status '" + stored + "'; known statuses are " + KNOWN_STATUSES));
    }

    private static Optional<Instant> instant(String rowId, String column, String stored) {
        return stored == null ? Optional.empty() : Optional.of(column(rowId, column, stored, StoredTimestamps::parse));
    }

    private static <S, T> T column(String rowId, String column, S stored, Function<S, T> read) {
        if (stored == null) {
            throw new CorruptConnectionRowException(String.valueOf(rowId), column, "is NULL but must hold a value");
        }
        try {
            return read.apply(stored);
        } catch (ConnectionJson.ColumnValueException e) {
            throw new CorruptConnectionRowException(rowId, column, e.getMessage());
        } catch (DateTimeParseException e) {
            throw new CorruptConnectionRowException(rowId, column, "holds '" + stored
                    + "', which is not a UTC time like 2025-11-12 13:30:00.000000");
        } catch (DomainException e) {
            throw new CorruptConnectionRowException(rowId, column, "holds a value the domain refuses: " + e.getMessage());
        }
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(StoredTimestamps::format).orElse(null);
    }
}
