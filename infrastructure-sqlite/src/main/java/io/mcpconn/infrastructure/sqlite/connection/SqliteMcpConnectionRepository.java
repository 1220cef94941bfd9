package io.mcpconn.infrastructure.sqlite.connection;

import static io.mcpconn.infrastructure.sqlite.jooq.Tables.MCP_CONNECTIONS;
import static io.mcpconn.infrastructure.sqlite.jooq.Tables.MCP_SESSION_LEASES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.length;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.replace;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.substring;
import static org.jooq.impl.DSL.trim;
import static org.jooq.impl.DSL.when;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.NotConnectionOwnerException;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageCursor;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.connection.UnreadableConnection;
import io.mcpconn.domain.connection.UnreadableConnectionException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.sqlite.database.SchemaVersion;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import io.mcpconn.infrastructure.sqlite.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.sqlite.secrets.SecretsConfiguration;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.SQLDataType;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * {@link McpConnectionRepository} on the seed's {@code mcp_connections} table, with jOOQ.
 *
 * <p>Every statement is scoped by namespace. {@code save} is an upsert guarded by the
 * {@code version} column: it writes only if the stored version is the one the aggregate was
 * loaded with, and stores the next one; V4's trigger bumps the version on any other writer's
 * change, so a stale copy is refused whoever changed the row. Writes run through
 * {@link SqliteDatabase#write}, one at a time, so the checks and the write are one transaction.
 * Secrets in {@code config_json} are sealed or kept in plaintext as {@link SecretsAtRest} says.
 * A row that cannot be read is reported, never loaded half: listings carry it in
 * {@link Page#unreadable()}, and {@code tools_json} too long to be a catalog is not even fetched.
 */
public final class SqliteMcpConnectionRepository implements McpConnectionRepository {

    /** The schema version this repository needs: V4's trigger makes any writer's change refuse stale saves. */
    public static final String REQUIRED_SCHEMA = "4";

    // Text order is time order only for one format: rows from SQLite's CURRENT_TIMESTAMP default
    // lack the fraction and ISO writers use 'T'. Ordering and the keyset compare this normal form,
    // cut to what a cursor carries.
    private static final Field<String> CREATED_AT_KEY = substring(coalesce(
            when(length(MCP_CONNECTIONS.CREATED_AT).eq(inline(19)),
                    concat(replace(MCP_CONNECTIONS.CREATED_AT, inline("T"), inline(" ")), inline(".000000")))
                    .otherwise(replace(MCP_CONNECTIONS.CREATED_AT, inline("T"), inline(" "))), inline("")),
            inline(1), inline(PageCursor.MAX_POSITION_LENGTH));

    private static final Field<Long> CONFIG_LENGTH =
            coalesce(length(MCP_CONNECTIONS.CONFIG_JSON.cast(SQLDataType.VARCHAR)), inline(0)).cast(Long.class);
    private static final Field<Long> TOOLS_LENGTH =
            coalesce(length(MCP_CONNECTIONS.TOOLS_JSON.cast(SQLDataType.VARCHAR)), inline(0)).cast(Long.class);

    // The selected forms of the expressions above. Text too long to be a valid column is left in the
    // database: the length alone condemns it.
    private static final Field<String> SORT_KEY = CREATED_AT_KEY.as("sort_key");
    private static final Field<Long> CONFIG_LENGTH_SELECTED = CONFIG_LENGTH.as("config_length");
    private static final Field<Long> TOOLS_LENGTH_SELECTED = TOOLS_LENGTH.as("tools_length");
    private static final Field<String> CONFIG_TEXT = when(CONFIG_LENGTH.le(inline(StoredRow.MAX_CONFIG_LENGTH)),
            MCP_CONNECTIONS.CONFIG_JSON.cast(SQLDataType.VARCHAR)).as("config_text");
    private static final Field<String> TOOLS_TEXT = when(TOOLS_LENGTH.le(inline(StoredRow.MAX_TOOLS_LENGTH)),
            MCP_CONNECTIONS.TOOLS_JSON.cast(SQLDataType.VARCHAR)).as("tools_text");

    private static final List<SelectField<?>> ROW = List.of(MCP_CONNECTIONS.ID, MCP_CONNECTIONS.SERVER_NAME,
            MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.AGENT_ID, MCP_CONNECTIONS.STATUS, CONFIG_TEXT, TOOLS_TEXT,
            MCP_CONNECTIONS.ERROR_MESSAGE, MCP_CONNECTIONS.ERROR_AT, MCP_CONNECTIONS.CREATED_AT,
            MCP_CONNECTIONS.CONNECTED_AT, MCP_CONNECTIONS.DISCONNECTED_AT, MCP_CONNECTIONS.UPDATED_AT,
            MCP_CONNECTIONS.VERSION, CONFIG_LENGTH_SELECTED, TOOLS_LENGTH_SELECTED, SORT_KEY);

    private final SqliteDatabase database;
    private final SecretsAtRest secrets;

    /**
     * A repository on {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later, keeping
     * secrets as the process's environment says ({@link SecretsConfiguration}): by default sealed,
     * with the key file beside the database, which is created owner-only if it is missing.
     *
     * @throws io.mcpconn.infrastructure.sqlite.database.SchemaNotReadyException if the database is not migrated far enough
     */
    public SqliteMcpConnectionRepository(SqliteDatabase database) {
        this(database, SecretsConfiguration.fromEnvironment(System.getenv(), database.file()).secrets());
    }

    /**
     * A repository on {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later, keeping
     * secrets as {@code secrets} says.
     *
     * @throws io.mcpconn.infrastructure.sqlite.database.SchemaNotReadyException if the database is not migrated far enough
     */
    public SqliteMcpConnectionRepository(SqliteDatabase database, SecretsAtRest secrets) {
        this.database = Objects.requireNonNull(database, "database");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        SchemaVersion.require(database, REQUIRED_SCHEMA, "SqliteMcpConnectionRepository");
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
        // Exactly the stored spellings ConnectionStatus.fromStorageName reads: ASCII case, ASCII blanks.
        return findPage(namespace, lower(trim(MCP_CONNECTIONS.STATUS, inline(ConnectionStatus.STORAGE_BLANKS)))
                .eq(status.storageName()), page);
    }

    @Override
    public Page<McpConnection> findAll(Namespace namespace, PageRequest page) {
        return findPage(namespace, noCondition(), page);
    }

    @Override
    public void save(McpConnection connection) {
        var state = connection.snapshot();
        long next;
        try {
            next = database.write(dsl -> write(dsl, state));
        } catch (RuntimeException e) {
            throw uniquenessConflict(e, state.namespace(), state.serverName(), state.id(), state.version()).orElse(e);
        }
        connection.markSaved(next);
    }

    @Override
    public void saveAll(List<McpConnection> connections) {
        var states = connections.stream().map(McpConnection::snapshot).toList();
        var ids = new HashSet<ConnectionId>();
        for (var state : states) {
            if (!ids.add(state.id())) {
                throw new IllegalArgumentException("connection " + state.id() + " is in the list twice; save it once");
            }
        }
        var current = new McpConnectionSnapshot[1];
        long[] versions;
        try {
            versions = database.write(dsl -> {
                var next = new long[states.size()];
                for (int i = 0; i < states.size(); i++) {
                    current[0] = states.get(i);
                    next[i] = write(dsl, states.get(i));
                }
                return next;
            });
        } catch (RuntimeException e) {
            var state = current[0];
            throw state == null ? e
                    : uniquenessConflict(e, state.namespace(), state.serverName(), state.id(), state.version()).orElse(e);
        }
        for (int i = 0; i < states.size(); i++) {
            connections.get(i).markSaved(versions[i]);
        }
    }

    private long write(DSLContext dsl, McpConnectionSnapshot state) {
        long next = state.version() + 1;
        var stored = dsl.select(MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.VERSION, MCP_CONNECTIONS.AGENT_ID)
                .from(MCP_CONNECTIONS).where(MCP_CONNECTIONS.ID.eq(state.id().value()))
                .fetchOptional();
        if (stored.isPresent() && !stored.get().value1().equals(state.namespace().value())) {
            // Another namespace's row: answered as a missing id, revealing nothing of it.
            throw state.version() == 0 ? ConcurrentUpdateException.idTaken(state.id())
                    : new ConcurrentUpdateException(state.id(), state.version(), 0);
        }
        long storedVersion = stored.map(r -> r.value2()).orElse(0L);
        if (storedVersion != state.version() || (stored.isEmpty() && state.version() > 0)) {
            throw new ConcurrentUpdateException(state.id(), state.version(), storedVersion);
        }
        if (stored.isPresent() && !stored.get().value3().equals(state.agentId().value())) {
            throw NotConnectionOwnerException.ownerIsFixed(state.namespace(), state.id(),
                    AgentId.of(stored.get().value3()), state.agentId());
        }
        requireUniqueServerName(dsl, state.namespace(), state.serverName(), state.id());
        var row = ConnectionRows.toRecord(state, next, secrets);
        if (stored.isEmpty()) {
            dsl.insertInto(MCP_CONNECTIONS).set(row).execute();
        } else {
            // Fixed at registration: never written again.
            row.changed(MCP_CONNECTIONS.ID, false);
            row.changed(MCP_CONNECTIONS.NAMESPACE, false);
            row.changed(MCP_CONNECTIONS.AGENT_ID, false);
            row.changed(MCP_CONNECTIONS.CREATED_AT, false);
            dsl.update(MCP_CONNECTIONS).set(row)
                    .where(MCP_CONNECTIONS.ID.eq(state.id().value()))
                    .and(MCP_CONNECTIONS.NAMESPACE.eq(state.namespace().value()))
                    .and(MCP_CONNECTIONS.VERSION.eq(state.version()))
                    .execute();
        }
        return next;
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
        return database.read(dsl -> dsl.select(ROW).from(MCP_CONNECTIONS).where(condition).fetchOptional())
                .map(record -> McpConnection.restore(ConnectionRows.toSnapshot(stored(record), secrets)));
    }

    private Page<McpConnection> findPage(Namespace namespace, Condition filter, PageRequest request) {
        var after = request.after()
                .map(cursor -> row(CREATED_AT_KEY, MCP_CONNECTIONS.ID).lt(cursor.position(), cursor.id().value()))
                .orElse(noCondition());
        return database.read(dsl -> {
            var items = new ArrayList<McpConnection>();
            var unreadable = new ArrayList<UnreadableConnection>();
            long bytes = 0;
            int rows = 0;
            Optional<PageCursor> last = Optional.empty();
            // Lazily, so that a page that ends by bytes never loads the rows after it.
            try (var cursor = dsl.select(ROW).from(MCP_CONNECTIONS)
                    .where(MCP_CONNECTIONS.NAMESPACE.eq(namespace.value()))
                    .and(filter)
                    .and(after)
                    .orderBy(CREATED_AT_KEY.desc(), MCP_CONNECTIONS.ID.desc())
                    .limit(request.size() + 1)
                    .fetchLazy()) {
                for (var record : cursor) {
                    if (rows == request.size() || (rows > 0 && bytes >= PageRequest.MAX_PAGE_BYTES)) {
                        return new Page<>(items, unreadable, last);
                    }
                    var row = stored(record);
                    try {
                        items.add(McpConnection.restore(ConnectionRows.toSnapshot(row, secrets)));
                    } catch (UnreadableConnectionException e) {
                        unreadable.add(e.unreadable());
                    }
                    rows++;
                    bytes += row.bytes();
                    last = Optional.of(new PageCursor(record.get(SORT_KEY), ConnectionId.of(row.id())));
                }
            }
            return new Page<>(items, unreadable, Optional.empty());
        });
    }

    private static StoredRow stored(Record record) {
        return new StoredRow(record.get(MCP_CONNECTIONS.ID), record.get(MCP_CONNECTIONS.SERVER_NAME),
                record.get(MCP_CONNECTIONS.NAMESPACE), record.get(MCP_CONNECTIONS.AGENT_ID),
                record.get(MCP_CONNECTIONS.STATUS), record.get(CONFIG_TEXT), record.get(TOOLS_TEXT),
                record.get(MCP_CONNECTIONS.ERROR_MESSAGE), record.get(MCP_CONNECTIONS.ERROR_AT),
                record.get(MCP_CONNECTIONS.CREATED_AT), record.get(MCP_CONNECTIONS.CONNECTED_AT),
                record.get(MCP_CONNECTIONS.DISCONNECTED_AT), record.get(MCP_CONNECTIONS.UPDATED_AT),
                record.get(MCP_CONNECTIONS.VERSION), record.get(CONFIG_LENGTH_SELECTED),
                record.get(TOOLS_LENGTH_SELECTED));
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
            return Optional.of(version == 0 ? ConcurrentUpdateException.idTaken(id)
                    : new ConcurrentUpdateException(id, version, version + 1));
        }
        if (code.get() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
            var holder = findByServerName(namespace, serverName).map(McpConnection::id).orElse(id);
            return Optional.of(new DuplicateServerNameException(namespace, serverName, holder));
        }
        return Optional.empty();
    }
}
