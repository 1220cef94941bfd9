package io.mcpconn.infrastructure.jdbc.connection;

import io.mcpconn.domain.connection.LastError;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * Moves a row between JDBC and {@link StoredRow} / a snapshot, by column position in the
 * statements of {@link ConnectionSql}.
 */
final class StoredRows {

    /** Position of the sort key, after the row's 16 columns. */
    static final int SORT_KEY = 17;

    private StoredRows() {
    }

    /** The current row of {@code result}, selected as {@link ConnectionSql}'s row. */
    static StoredRow read(ResultSet result) throws SQLException {
        long version = result.getLong(14);
        Long stored = result.wasNull() ? null : version;
        return new StoredRow(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                result.getString(5), result.getString(6), result.getString(7), result.getString(8),
                result.getString(9), result.getString(10), result.getString(11), result.getString(12),
                result.getString(13), stored, result.getLong(15), result.getLong(16));
    }

    /** Binds {@link ConnectionSql#INSERT}'s 14 parameters. */
    static void bindInsert(PreparedStatement insert, McpConnectionSnapshot state, long version, SecretsAtRest secrets)
            throws SQLException {
        insert.setString(1, state.id().value());
        insert.setString(2, state.serverName().value());
        insert.setString(3, state.namespace().value());
        insert.setString(4, state.agentId().value());
        insert.setString(5, StoredTimestamps.format(state.createdAt()));
        bindChanges(insert, 6, state, version, secrets);
    }

    /** Binds {@link ConnectionSql#UPDATE}'s 14 parameters. */
    static void bindUpdate(PreparedStatement update, McpConnectionSnapshot state, long version, SecretsAtRest secrets)
            throws SQLException {
        update.setString(1, state.serverName().value());
        bindChanges(update, 2, state, version, secrets);
        bindLoadedCopy(update, 11, state);
    }

    /** Binds {@link ConnectionSql#UPDATE_KEEPING_NAME}'s 14 parameters. */
    static void bindUpdateKeepingName(PreparedStatement update, McpConnectionSnapshot state, long version,
            SecretsAtRest secrets) throws SQLException {
        bindChanges(update, 1, state, version, secrets);
        bindLoadedCopy(update, 10, state);
        update.setString(14, state.serverName().value());
    }

    /** The 9 columns every save writes after the name, in {@code ConnectionSql.CHANGING}'s order. */
    private static void bindChanges(PreparedStatement statement, int from, McpConnectionSnapshot state, long version,
            SecretsAtRest secrets) throws SQLException {
        statement.setString(from, state.status().storageName());
        statement.setString(from + 1, ConnectionJson.writeConfig(state.serverName(), state.config(), secrets,
                state.id().value()));
        statement.setString(from + 2, ConnectionJson.writeTools(state.tools()));
        statement.setString(from + 3, state.lastError().map(LastError::message).orElse(null));
        text(statement, from + 4, state.lastError().map(LastError::at));
        text(statement, from + 5, state.connectedAt());
        text(statement, from + 6, state.disconnectedAt());
        text(statement, from + 7, state.updatedAt());
        statement.setLong(from + 8, version);
    }

    private static void bindLoadedCopy(PreparedStatement update, int from, McpConnectionSnapshot state)
            throws SQLException {
        update.setString(from, state.id().value());
        update.setString(from + 1, state.namespace().value());
        update.setLong(from + 2, state.version());
        update.setString(from + 3, state.agentId().value());
    }

    private static void text(PreparedStatement statement, int position, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            statement.setString(position, StoredTimestamps.format(instant.get()));
        } else {
            statement.setNull(position, Types.VARCHAR);
        }
    }
}
