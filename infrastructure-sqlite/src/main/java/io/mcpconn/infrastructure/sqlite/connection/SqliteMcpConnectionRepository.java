package io.mcpconn.infrastructure.sqlite.connection;

import static io.mcpconn.infrastructure.sqlite.jooq.Tables.MCP_CONNECTIONS;
import static io.mcpconn.infrastructure.sqlite.jooq.Tables.MCP_SESSION_LEASES;
import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.length;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.replace;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.when;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageCursor;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import io.mcpconn.infrastructure.sqlite.jooq.tables.records.McpConnectionsRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * {@link McpConnectionRepository} on the seed's {@code mcp_connections} table, with jOOQ.
 *
 * <p>Every statement is scoped by namespace. {@code save} is an upsert guarded by the
 * {@code version} column: it writes only if the stored version is the one the aggregate was
 * loaded with, and stores the next one. Writes run through {@link SqliteDatabase#write}, one at a
 * time, so the checks and the write are one transaction.
 */
public final class SqliteMcpConnectionRepository implements McpConnectionRepository {

    // Text order is time order only for one format: rows from SQLite's CURRENT_TIMESTAMP default
    // lack the fraction and ISO writers use 'T'. Ordering and the keyset compare this normal form.
    private static final Field<String> CREATED_AT_KEY = when(length(MCP_CONNECTIONS.CREATED_AT).eq(inline(19)),
            concat(replace(MCP_CONNECTIONS.CREATED_AT, inline("T"), inline(" ")), inline(".000000")))
            .otherwise(replace(MCP_CONNECTIONS.CREATED_AT, inline("T"), inline(" ")));

    private final SqliteDatabase database;

    /** A repository on {@code database}, already migrated. */
    public SqliteMcpConnectionRepository(SqliteDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<McpConnection> findById(Namespace namespace, ConnectionId id) {
        return findOne(MCP_CONNECTIONS.NAMESPACE.eq(namespace.value()).and(MCP_CONNECTIONS.ID.eq(id.value())));
    }

    @Override
    public Optional<McpConnection> findByServerName(Namespace namespace, ServerName serverName) {
        return findOne(MCP_CONNECTIONS.NAMESPACE.eq(namespace.value())
                .and(MCP_CONNECTIONS.SERVER_NAME.eq(serverName.value())));
    }

    @Override
    public Page<McpConnection> findByAgent(Namespace namespace, AgentId owner, PageRequest page) {
        return findPage(namespace, MCP_CONNECTIONS.AGENT_ID.eq(owner.value()), page);
    }

    @Override
    public Page<McpConnection> findByStatus(Namespace namespace, ConnectionStatus status, PageRequest page) {
        return findPage(namespace, MCP_CONNECTIONS.STATUS.eq(status.storageName()), page);
    }

    @Override
    public Page<McpConnection> findAll(Namespace namespace, PageRequest page) {
        return findPage(namespace, noCondition(), page);
    }

    @Override
    public void save(McpConnection connection) {
        var state = connection.snapshot();
        long next = state.version() + 1;
        try {
            database.write(dsl -> {
                var stored = dsl.select(MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.VERSION)
                        .from(MCP_CONNECTIONS).where(MCP_CONNECTIONS.ID.eq(state.id().value()))
                        .fetchOptional();
                long storedVersion = stored.map(r -> r.value2()).orElse(0L);
                boolean otherNamespace = stored.map(r -> !r.value1().equals(state.namespace().value())).orElse(false);
                // An id taken in another namespace is reported like any conflict, revealing nothing of it.
                if (otherNamespace || storedVersion != state.version() || (stored.isEmpty() && state.version() > 0)) {
                    throw new ConcurrentUpdateException(state.id(), state.version(), storedVersion);
                }
                requireUniqueServerName(dsl, state.namespace(), state.serverName(), state.id());
                var row = ConnectionRows.toRecord(state, next);
                if (stored.isEmpty()) {
                    dsl.insertInto(MCP_CONNECTIONS).set(row).execute();
                } else {
                    dsl.update(MCP_CONNECTIONS).set(row)
                            .where(MCP_CONNECTIONS.ID.eq(state.id().value()))
                            .and(MCP_CONNECTIONS.NAMESPACE.eq(state.namespace().value()))
                            .and(MCP_CONNECTIONS.VERSION.eq(state.version()))
                            .execute();
                }
                return next;
            });
        } catch (RuntimeException e) {
            throw uniquenessConflict(e, state.namespace(), state.serverName(), state.id(), state.version()).orElse(e);
        }
        connection.markSaved(next);
    }

    @Override
    public void delete(McpConnection connection) {
        if (!connection.isRemoved()) {
            throw new IllegalArgumentException("connection " + connection.id() + " must be removed before it is deleted");
        }
        var namespace = connection.namespace().value();
        var id = connection.id().value();
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
            return dsl.deleteFrom(MCP_CONNECTIONS)
                    .where(MCP_CONNECTIONS.NAMESPACE.eq(namespace))
                    .and(MCP_CONNECTIONS.ID.eq(id))
                    .and(MCP_CONNECTIONS.VERSION.eq(connection.version()))
                    .execute();
        });
    }

    private Optional<McpConnection> findOne(Condition condition) {
        return database.read(dsl -> dsl.selectFrom(MCP_CONNECTIONS).where(condition).fetchOptional())
                .map(this::toConnection);
    }

    private Page<McpConnection> findPage(Namespace namespace, Condition filter, PageRequest request) {
        var after = request.after()
                .map(cursor -> row(CREATED_AT_KEY, MCP_CONNECTIONS.ID)
                        .lt(StoredTimestamps.format(cursor.createdAt()), cursor.id().value()))
                .orElse(noCondition());
        List<McpConnectionsRecord> rows = database.read(dsl -> dsl.selectFrom(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(namespace.value()))
                .and(filter)
                .and(after)
                .orderBy(CREATED_AT_KEY.desc(), MCP_CONNECTIONS.ID.desc())
                .limit(request.size() + 1)
                .fetch());
        var items = rows.stream().limit(request.size()).map(this::toConnection).toList();
        var next = rows.size() > request.size()
                ? Optional.of(PageCursor.after(items.get(items.size() - 1)))
                : Optional.<PageCursor>empty();
        return new Page<>(items, next);
    }

    private McpConnection toConnection(McpConnectionsRecord row) {
        return McpConnection.restore(ConnectionRows.toSnapshot(row));
    }

    private static void requireUniqueServerName(DSLContext dsl, Namespace namespace, ServerName serverName,
                                                ConnectionId id) {
        dsl.select(MCP_CONNECTIONS.ID).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(namespace.value()))
                .and(MCP_CONNECTIONS.SERVER_NAME.eq(serverName.value()))
                .and(MCP_CONNECTIONS.ID.ne(id.value()))
                .fetchOptional(MCP_CONNECTIONS.ID)
                .ifPresent(existing -> {
                    throw new DuplicateServerNameException(namespace, serverName, ConnectionId.of(existing));
                });
    }

    // Another process can insert between our checks and our write; the unique index and the primary
    // key then refuse the write, and the refusal is reported in the domain's terms.
    private Optional<RuntimeException> uniquenessConflict(RuntimeException failure, Namespace namespace,
                                                          ServerName serverName, ConnectionId id, long version) {
        var code = SqliteErrors.sqlCause(failure)
                .filter(SQLiteException.class::isInstance)
                .map(sql -> ((SQLiteException) sql).getResultCode());
        if (code.isEmpty()) {
            return Optional.empty();
        }
        if (code.get() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
            return Optional.of(new ConcurrentUpdateException(id, version, version + 1));
        }
        if (code.get() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
            var holder = findByServerName(namespace, serverName).map(McpConnection::id).orElse(id);
            return Optional.of(new DuplicateServerNameException(namespace, serverName, holder));
        }
        return Optional.empty();
    }
}
