package io.mcpconn.infrastructure.jdbc.connection;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.LastError;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.connection.UnreadableConnection;
import io.mcpconn.domain.connection.UnreadableConnectionException;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Translates between a row of {@code mcp_connections} and the aggregate's snapshot. Every column
 * is read on its own, so that a bad value is reported with its row and column; whatever fails,
 * the report is an {@link UnreadableConnection} and never carries the value, which may be a secret.
 */
final class ConnectionRows {

    private static final String KNOWN_STATUSES = Arrays.stream(ConnectionStatus.values())
            .map(ConnectionStatus::storageName).collect(Collectors.joining(", "));

    private ConnectionRows() {
    }

    /**
     * The snapshot a stored row holds.
     *
     * @throws UnreadableConnectionException naming the row and the first column that cannot be read
     */
    static McpConnectionSnapshot toSnapshot(StoredRow row, SecretsAtRest secrets) {
        var rowId = String.valueOf(row.id());
        var status = column(rowId, "status", row.status(), ConnectionRows::status);
        var createdAt = column(rowId, "created_at", row.createdAt(), StoredTimestamps::parse);
        var updatedAt = instant(rowId, "updated_at", row.updatedAt());
        var config = column(rowId, "config_json", row,
                stored -> ConnectionJson.readConfig(bounded(stored.configJson(), stored.configLength(),
                        StoredRow.MAX_CONFIG_LENGTH), secrets, rowId));
        var tools = column(rowId, "tools_json", row,
                stored -> ConnectionJson.readTools(bounded(stored.toolsJson(), stored.toolsLength(),
                        StoredRow.MAX_TOOLS_LENGTH)));
        try {
            return new McpConnectionSnapshot(
                    column(rowId, "id", row.id(), ConnectionId::of),
                    column(rowId, "server_name", row.serverName(), ServerName::of),
                    column(rowId, "namespace", row.namespace(), Namespace::of),
                    column(rowId, "agent_id", row.agentId(), AgentId::of),
                    config,
                    status,
                    tools,
                    lastError(row, status, updatedAt.orElse(createdAt)),
                    createdAt,
                    instant(rowId, "connected_at", row.connectedAt()),
                    instant(rowId, "disconnected_at", row.disconnectedAt()),
                    updatedAt,
                    row.version() == null ? 0 : row.version());
        } catch (DomainException e) {
            if (e instanceof UnreadableConnectionException unreadable) {
                throw unreadable;
            }
            throw unreadable(rowId, "version", "holds a value the domain refuses: " + e.getMessage(), Optional.empty());
        }
    }

    // A value too long to read is reported from its length, without loading it.
    private static String bounded(String text, long length, long max) {
        if (text == null && length > max) {
            throw new ConnectionJson.ColumnValueException("holds " + length + " characters of JSON, more than the " + max
                    + " this library reads (a connection's tools take at most 32 MiB)");
        }
        if (text == null) {
            throw new ConnectionJson.ColumnValueException("is NULL but must hold a value");
        }
        return text;
    }

    // The seed fills error_message and error_at "if status=ERROR": in any other status they describe
    // nothing current (another writer may have left them behind) and are not read. An error without
    // its time is dated by the row's last change.
    private static Optional<LastError> lastError(StoredRow row, ConnectionStatus status, Instant lastChange) {
        var message = row.errorMessage();
        if (status != ConnectionStatus.ERROR || message == null || message.isBlank()) {
            return Optional.empty();
        }
        var kept = message.strip();
        return Optional.of(new LastError(kept.length() > LastError.MAX_LENGTH ? kept.substring(0, LastError.MAX_LENGTH) : kept,
                instant(String.valueOf(row.id()), "error_at", row.errorAt()).orElse(lastChange)));
    }

    private static ConnectionStatus status(String stored) {
        return ConnectionStatus.fromStorageName(stored).orElseThrow(() -> new ConnectionJson.ColumnValueException(
                "holds the unknown status '" + stored + "'; known statuses are " + KNOWN_STATUSES));
    }

    private static Optional<Instant> instant(String rowId, String column, String stored) {
        return stored == null ? Optional.empty() : Optional.of(column(rowId, column, stored, StoredTimestamps::parse));
    }

    private static <S, T> T column(String rowId, String column, S stored, Function<S, T> read) {
        try {
            if (stored == null) {
                throw new ConnectionJson.ColumnValueException("is NULL but must hold a value");
            }
            return read.apply(stored);
        } catch (ConnectionJson.ColumnValueException e) {
            throw unreadable(rowId, column, e.getMessage(), e.repair());
        } catch (DateTimeParseException e) {
            var shown = String.valueOf(stored);
            throw unreadable(rowId, column, "holds '" + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown)
                    + "', which is not a UTC time like 2025-11-12 13:30:00.000000", Optional.empty());
        } catch (DomainException e) {
            throw unreadable(rowId, column, "holds a value the domain refuses: " + e.getMessage(), Optional.empty());
        } catch (RuntimeException e) {
            // Whatever else a foreign value makes a library throw: named by its kind only, since its
            // message may quote the value.
            throw unreadable(rowId, column, "holds a value that cannot be read (" + e.getClass().getSimpleName() + ")",
                    Optional.empty());
        }
    }

    private static UnreadableConnectionException unreadable(String rowId, String column, String problem,
            Optional<String> repair) {
        return new UnreadableConnectionException(new UnreadableConnection(rowId, column, problem, repair.orElseGet(() ->
                "correct the value with an UPDATE, or remove the row with DELETE FROM mcp_connections WHERE id = '"
                        + rowId.replace("'", "''") + "'")));
    }
}
