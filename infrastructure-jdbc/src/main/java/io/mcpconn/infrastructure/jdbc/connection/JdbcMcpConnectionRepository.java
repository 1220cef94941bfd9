package io.mcpconn.infrastructure.jdbc.connection;

import static io.mcpconn.infrastructure.jdbc.jooq.Tables.MCP_CONNECTIONS;
import static io.mcpconn.infrastructure.jdbc.jooq.Tables.MCP_SESSION_LEASES;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.NotConnectionOwnerException;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageCursor;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.connection.UnreadableConnection;
import io.mcpconn.domain.connection.UnreadableConnectionException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.connection.ConnectionSql.Filter;
import io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException;
import io.mcpconn.infrastructure.jdbc.database.SqlDatabase;
import io.mcpconn.infrastructure.jdbc.database.Statements;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link McpConnectionRepository} on the seed's {@code mcp_connections} table, over JDBC, for every
 * SQL database an adapter opens: the rules live here once, and an adapter adds only its
 * {@link SqlDatabase} (how transactions run) and its dialect (how SQL is rendered and errors read).
 *
 * <p>Every statement is scoped by namespace. {@code save} is an upsert guarded by the
 * {@code version} column: it writes only if the stored version is the one the aggregate was
 * loaded with, and stores the next one; V4's trigger bumps the version on any other writer's
 * change, so a stale copy is refused whoever changed the row. Writes run through
 * {@link SqlDatabase#update}, so the checks and the write are one transaction.
 * Secrets in {@code config_json} are sealed or kept in plaintext as {@link SecretsAtRest} says.
 * A row that cannot be read is reported, never loaded half: listings carry it in
 * {@link Page#unreadable()}, and {@code tools_json} too long to be a catalog is not even fetched.
 */
public abstract class JdbcMcpConnectionRepository implements McpConnectionRepository {

    /** The schema version this repository needs: V4's trigger makes any writer's change refuse stale saves, V6 keeps the events. */
    public static final String REQUIRED_SCHEMA = "6";

    /** Longest {@code tools_json} read, in characters; a longer one is reported unreadable from its length alone. */
    public static final long MAX_TOOLS_LENGTH = StoredRow.MAX_TOOLS_LENGTH;

    private final SqlDatabase database;
    private final SecretsAtRest secrets;
    private final ConnectionSql sql;

    /**
     * A repository on {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later, keeping
     * secrets as {@code secrets} says; {@code adapter} names the public class in messages.
     *
     * @throws SchemaNotReadyException if the database is not migrated far enough
     */
    protected JdbcMcpConnectionRepository(SqlDatabase database, SecretsAtRest secrets, String adapter) {
        this.database = Objects.requireNonNull(database, "database");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.sql = ConnectionSql.of(database.dialect());
        database.requireSchema(REQUIRED_SCHEMA, adapter);
    }

    @Override
    public final Optional<McpConnection> findById(Namespace namespace, ConnectionId id) {
        return findOne(sql.byId, namespace.value(), id.value());
    }

    @Override
    public final Optional<McpConnection> findByServerName(Namespace namespace, ServerName serverName) {
        return findOne(sql.byServerName, namespace.value(), serverName.value());
    }

    @Override
    public final Page<McpConnection> findByAgent(Namespace namespace, AgentId owner, PageRequest page) {
        return findPage(namespace, Filter.AGENT, owner.value(), page);
    }

    @Override
    public final Page<McpConnection> findByStatus(Namespace namespace, ConnectionStatus status, PageRequest page) {
        return findPage(namespace, Filter.STATUS, status.storageName(), page);
    }

    @Override
    public final Page<McpConnection> findAll(Namespace namespace, PageRequest page) {
        return findPage(namespace, Filter.ALL, null, page);
    }

    @Override
    public final void save(McpConnection connection) {
        var state = connection.snapshot();
        var events = connection.pendingEvents();
        long next = database.update(statements -> {
            long written = write(statements, state);
            EventRows.insert(statements, events);
            return written;
        });
        connection.markSaved(next);
    }

    @Override
    public final void saveAll(List<McpConnection> connections) {
        var states = connections.stream().map(McpConnection::snapshot).toList();
        var ids = new HashSet<ConnectionId>();
        for (var state : states) {
            if (!ids.add(state.id())) {
                throw new IllegalArgumentException("connection " + state.id() + " is in the list twice; save it once");
            }
        }
        long[] versions = database.update(statements -> {
            var next = new long[states.size()];
            for (int i = 0; i < states.size(); i++) {
                next[i] = write(statements, states.get(i));
            }
            for (var connection : connections) {
                EventRows.insert(statements, connection.pendingEvents());
            }
            return next;
        });
        for (int i = 0; i < states.size(); i++) {
            connections.get(i).markSaved(versions[i]);
        }
    }

    /**
     * Writes one connection inside the caller's transaction and returns its new version, in one
     * statement (two for a renamed connection), explained only when it is refused: at version 0 an insert that updates a row of
     * that id still at version 0, later versions an update; both write only where the row is the
     * version the connection was loaded as, of the same namespace and owner, and the unique server
     * name refuses a taken name.
     * Inside the write transaction nothing can change between the write and its explanation.
     */
    private long write(Statements statements, McpConnectionSnapshot state) throws SQLException {
        long next = state.version() + 1;
        int updated;
        try {
            if (state.version() == 0) {
                var insert = statements.prepare(sql.insert);
                StoredRows.bindInsert(insert, state, next, secrets);
                updated = insert.executeUpdate();
            } else {
                var update = statements.prepare(sql.updateKeepingName);
                StoredRows.bindUpdateKeepingName(update, state, next, secrets);
                updated = update.executeUpdate();
                if (updated == 0) {
                    // Renamed, or refused: the update that writes the name does the one or finds out the other.
                    var renaming = statements.prepare(sql.update);
                    StoredRows.bindUpdate(renaming, state, next, secrets);
                    updated = renaming.executeUpdate();
                }
            }
        } catch (SQLException e) {
            if (!database.dialect().isConstraintViolation(e)) {
                throw e;
            }
            throw refusal(statements, state, e);
        }
        if (updated != 1) {
            throw refusal(statements, state, null);
        }
        return next;
    }

    /** Why a write was refused, in the domain's terms, checked in the order {@link #save} documents. */
    private RuntimeException refusal(Statements statements, McpConnectionSnapshot state, SQLException failure)
            throws SQLException {
        var query = statements.prepare(sql.storedState);
        query.setString(1, state.id().value());
        String storedNamespace = null;
        long storedVersion = 0;
        String storedOwner = null;
        try (var result = query.executeQuery()) {
            if (result.next()) {
                storedNamespace = result.getString(1);
                storedVersion = result.getLong(2);
                storedOwner = result.getString(3);
            }
        }
        if (storedNamespace != null && !storedNamespace.equals(state.namespace().value())) {
            // Another namespace's row: answered as a missing id, revealing nothing of it.
            return state.version() == 0 ? ConcurrentUpdateException.idTaken(state.id())
                    : new ConcurrentUpdateException(state.id(), state.version(), 0);
        }
        if (storedVersion != state.version() || (storedNamespace == null && state.version() > 0)) {
            return new ConcurrentUpdateException(state.id(), state.version(), storedVersion);
        }
        if (storedOwner != null && !storedOwner.equals(state.agentId().value())) {
            return NotConnectionOwnerException.ownerIsFixed(state.namespace(), state.id(), AgentId.of(storedOwner),
                    state.agentId());
        }
        var holder = statements.prepare(sql.nameHolder);
        holder.setString(1, state.namespace().value());
        holder.setString(2, state.serverName().value());
        holder.setString(3, state.id().value());
        try (var result = holder.executeQuery()) {
            if (result.next()) {
                return new DuplicateServerNameException(state.namespace(), state.serverName(),
                        ConnectionId.of(result.getString(1)));
            }
        }
        var dialect = database.dialect();
        if (failure != null && dialect.isPrimaryKeyViolation(failure)) {
            return ConcurrentUpdateException.idTaken(state.id());
        }
        // Nothing of ours explains it (a constraint or trigger another tool added): the database's own words.
        return failure != null ? new IllegalStateException(dialect.displayName() + " refused to save connection " + state.id()
                + ": " + dialect.messageOf(failure), failure)
                : new ConcurrentUpdateException(state.id(), state.version(), storedVersion);
    }

    @Override
    public final void delete(McpConnection connection) {
        if (!connection.isRemoved()) {
            throw new IllegalArgumentException("connection " + connection.id() + " must be removed before it is deleted");
        }
        var namespace = connection.namespace().value();
        var id = connection.id().value();
        var events = connection.pendingEvents();
        database.write(dsl -> {
            var storedVersion = dsl.select(MCP_CONNECTIONS.VERSION).from(MCP_CONNECTIONS)
                    .where(MCP_CONNECTIONS.NAMESPACE.eq(namespace))
                    .and(MCP_CONNECTIONS.ID.eq(id))
                    .fetchOptional(MCP_CONNECTIONS.VERSION)
                    .orElseThrow(() -> new McpConnectionNotFoundException(connection.namespace(), connection.id()));
            if (storedVersion != connection.version()) {
                throw new ConcurrentUpdateException(connection.id(), connection.version(), storedVersion);
            }
            dsl.deleteFrom(MCP_SESSION_LEASES)
                    .where(MCP_SESSION_LEASES.NAMESPACE.eq(namespace))
                    .and(MCP_SESSION_LEASES.CONNECTION_ID.eq(id))
                    .execute();
            int deleted = dsl.deleteFrom(MCP_CONNECTIONS)
                    .where(MCP_CONNECTIONS.NAMESPACE.eq(namespace))
                    .and(MCP_CONNECTIONS.ID.eq(id))
                    .and(MCP_CONNECTIONS.VERSION.eq(connection.version()))
                    .execute();
            EventRows.insert(dsl, events);
            return deleted;
        });
        connection.markDeleted();
    }

    // One statement, so one snapshot: no transaction is needed around it.
    private Optional<McpConnection> findOne(String sql, String namespace, String key) {
        var row = database.query(statements -> {
            var query = statements.prepare(sql);
            query.setString(1, namespace);
            query.setString(2, key);
            try (var result = query.executeQuery()) {
                return result.next() ? Optional.of(StoredRows.read(result)) : Optional.<StoredRow>empty();
            }
        });
        return row.map(stored -> McpConnection.restore(ConnectionRows.toSnapshot(stored, secrets)));
    }

    private Page<McpConnection> findPage(Namespace namespace, Filter filter, String filterValue, PageRequest request) {
        return database.query(statements -> {
            var query = statements.prepare(request.after().isPresent() ? sql.after(filter) : sql.first(filter));
            int position = 1;
            query.setString(position++, namespace.value());
            if (filter.bindsValue()) {
                query.setString(position++, filterValue);
            }
            if (request.after().isPresent()) {
                var cursor = request.after().get();
                query.setString(position++, cursor.position());
                query.setString(position++, cursor.position());
                query.setString(position++, cursor.id().value());
            }
            query.setInt(position, request.size() + 1);
            var items = new ArrayList<McpConnection>();
            var unreadable = new ArrayList<UnreadableConnection>();
            long bytes = 0;
            int rows = 0;
            Optional<PageCursor> last = Optional.empty();
            // Row by row, so that a page that ends by bytes never loads the rows after it.
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    if (rows == request.size() || (rows > 0 && bytes >= PageRequest.MAX_PAGE_BYTES)) {
                        return new Page<>(items, unreadable, last);
                    }
                    var row = StoredRows.read(result);
                    try {
                        items.add(McpConnection.restore(ConnectionRows.toSnapshot(row, secrets)));
                    } catch (UnreadableConnectionException e) {
                        unreadable.add(e.unreadable());
                    }
                    rows++;
                    bytes += row.bytes();
                    last = Optional.of(new PageCursor(result.getString(StoredRows.SORT_KEY), ConnectionId.of(row.id())));
                }
            }
            return new Page<>(items, unreadable, Optional.empty());
        });
    }
}
