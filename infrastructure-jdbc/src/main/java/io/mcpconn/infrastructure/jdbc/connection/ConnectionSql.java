package io.mcpconn.infrastructure.jdbc.connection;

import static io.mcpconn.infrastructure.jdbc.jooq.Tables.MCP_CONNECTIONS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.length;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.trim;
import static org.jooq.impl.DSL.when;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.PageCursor;
import io.mcpconn.infrastructure.jdbc.database.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SelectField;
import org.jooq.impl.DefaultDSLContext;
import org.jooq.impl.SQLDataType;

/**
 * The SQL the repository runs, built with jOOQ from the generated model and rendered once per
 * dialect: rendering a query costs about as much as the database takes to run it, and the text
 * never changes, so it is prepared once per connection and bound again on every call. What the
 * dialects do differently ({@link SqlDialect}) is the page order and how times are read.
 *
 * <p>The parameters of each statement are listed where it is defined, in the order they bind.
 */
public final class ConnectionSql {

    private static final Map<SqlDialect, ConnectionSql> RENDERED = new ConcurrentHashMap<>();

    private static final Field<Long> CONFIG_LENGTH =
            coalesce(length(MCP_CONNECTIONS.CONFIG_JSON.cast(SQLDataType.VARCHAR)), inline(0)).cast(Long.class);
    private static final Field<Long> TOOLS_LENGTH =
            coalesce(length(MCP_CONNECTIONS.TOOLS_JSON.cast(SQLDataType.VARCHAR)), inline(0)).cast(Long.class);

    // Text too long to be a valid column is left in the database: the length alone condemns it.
    private static final Field<String> CONFIG_TEXT = when(CONFIG_LENGTH.le(inline(StoredRow.MAX_CONFIG_LENGTH)),
            MCP_CONNECTIONS.CONFIG_JSON.cast(SQLDataType.VARCHAR));
    private static final Field<String> TOOLS_TEXT = when(TOOLS_LENGTH.le(inline(StoredRow.MAX_TOOLS_LENGTH)),
            MCP_CONNECTIONS.TOOLS_JSON.cast(SQLDataType.VARCHAR));

    /** The columns every save writes after the fixed ones, in {@link StoredRows}' binding order. */
    private static final List<Field<?>> CHANGING = List.of(MCP_CONNECTIONS.STATUS, MCP_CONNECTIONS.CONFIG_JSON,
            MCP_CONNECTIONS.TOOLS_JSON, MCP_CONNECTIONS.ERROR_MESSAGE, MCP_CONNECTIONS.ERROR_AT,
            MCP_CONNECTIONS.CONNECTED_AT, MCP_CONNECTIONS.DISCONNECTED_AT, MCP_CONNECTIONS.UPDATED_AT,
            MCP_CONNECTIONS.VERSION);

    /** Where an update writes: the loaded version of the same owner's connection, in its namespace. */
    private static final Condition LOADED_COPY = MCP_CONNECTIONS.ID.eq(param("id", String.class))
            .and(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
            .and(MCP_CONNECTIONS.VERSION.eq(param("loaded_version", Long.class)))
            .and(MCP_CONNECTIONS.AGENT_ID.eq(param("agent_id", String.class)));

    // Only renders; never connected to anything.
    private final DSLContext sql;
    private final Field<String> sortKey;
    /** The selected columns, in the order {@link StoredRows#read} reads them. */
    private final List<SelectField<?>> row;

    /** Parameters: namespace, id. */
    final String byId;
    /** Parameters: namespace, server name. */
    final String byServerName;
    /** Parameters: id. What a save that was refused needs to say why. */
    final String storedState;
    /** Parameters: namespace, server name, id. */
    final String nameHolder;

    /**
     * Parameters: id, server name, namespace, owner, created_at, then the {@link #CHANGING} columns.
     * Version 0 is both a new connection's and that of a row another writer (the Python service)
     * inserted, so a row of that id is updated instead, on the same terms as {@link #update}: only
     * if it is at version 0, of the same namespace and owner. Otherwise nothing is written, and the
     * repository finds out why.
     */
    final String insert;

    /**
     * Parameters: the server name, the {@link #CHANGING} columns, then id, namespace, the version
     * loaded and the owner. Id, namespace, owner and created_at are fixed at registration and never
     * written again; a row that is not the loaded version of the same owner's connection is not
     * updated, and the repository then finds out why.
     */
    final String update;

    /**
     * Parameters: the {@link #CHANGING} columns, then id, namespace, the version loaded, the owner
     * and the server name. What nearly every save is: a name left as it was, not written, because a
     * written name rewrites its entry in the unique name index (37 µs of an update at a million
     * rows in SQLite). A renamed connection is not updated by it, and {@link #update} follows.
     */
    final String updateKeepingName;

    private final Map<Filter, String[]> pages = new java.util.EnumMap<>(Filter.class);

    private ConnectionSql(SqlDialect dialect) {
        this.sql = new DefaultDSLContext(dialect.jooq());
        this.sortKey = dialect.sortKey(MCP_CONNECTIONS.CREATED_AT);
        this.row = List.of(MCP_CONNECTIONS.ID, MCP_CONNECTIONS.SERVER_NAME,
                MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.AGENT_ID, MCP_CONNECTIONS.STATUS, CONFIG_TEXT, TOOLS_TEXT,
                MCP_CONNECTIONS.ERROR_MESSAGE, dialect.timeText(MCP_CONNECTIONS.ERROR_AT),
                dialect.timeText(MCP_CONNECTIONS.CREATED_AT), dialect.timeText(MCP_CONNECTIONS.CONNECTED_AT),
                dialect.timeText(MCP_CONNECTIONS.DISCONNECTED_AT), dialect.timeText(MCP_CONNECTIONS.UPDATED_AT),
                MCP_CONNECTIONS.VERSION, CONFIG_LENGTH, TOOLS_LENGTH,
                dialect.sortKeyText(MCP_CONNECTIONS.CREATED_AT, PageCursor.MAX_POSITION_LENGTH));
        this.byId = render(sql.select(row).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                .and(MCP_CONNECTIONS.ID.eq(param("id", String.class))));
        this.byServerName = render(sql.select(row).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                .and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class))));
        this.storedState = render(sql.select(MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.VERSION,
                        MCP_CONNECTIONS.AGENT_ID).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.ID.eq(param("id", String.class))));
        this.nameHolder = render(sql.select(MCP_CONNECTIONS.ID).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                .and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class)))
                .and(MCP_CONNECTIONS.ID.ne(param("id", String.class))));
        var fixed = List.<Field<?>>of(MCP_CONNECTIONS.ID, MCP_CONNECTIONS.SERVER_NAME, MCP_CONNECTIONS.NAMESPACE,
                MCP_CONNECTIONS.AGENT_ID, MCP_CONNECTIONS.CREATED_AT);
        this.insert = render(sql.insertInto(MCP_CONNECTIONS, columns(fixed))
                .values(columns(fixed).stream().map(ConnectionSql::parameter).toList())
                .onConflict(MCP_CONNECTIONS.ID)
                .doUpdate()
                .set(MCP_CONNECTIONS.SERVER_NAME, excluded(MCP_CONNECTIONS.SERVER_NAME))
                .set(changes(ConnectionSql::excludedValue))
                .where(MCP_CONNECTIONS.NAMESPACE.eq(excluded(MCP_CONNECTIONS.NAMESPACE)))
                .and(MCP_CONNECTIONS.AGENT_ID.eq(excluded(MCP_CONNECTIONS.AGENT_ID)))
                .and(MCP_CONNECTIONS.VERSION.eq(inline(0L))));
        this.update = render(sql.update(MCP_CONNECTIONS)
                .set(MCP_CONNECTIONS.SERVER_NAME, param("server_name", String.class))
                .set(changes(ConnectionSql::parameter))
                .where(LOADED_COPY));
        this.updateKeepingName = render(sql.update(MCP_CONNECTIONS)
                .set(changes(ConnectionSql::parameter))
                .where(LOADED_COPY.and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class)))));
        for (var filter : Filter.values()) {
            // (key, id) < (?, ?) written so that the database can range-scan the key in the index.
            pages.put(filter, new String[] {page(filter.condition, noCondition()),
                page(filter.condition, sortKey.le(param("position", String.class))
                        .and(sortKey.lt(param("position_again", String.class))
                                .or(MCP_CONNECTIONS.ID.lt(param("after_id", String.class)))))});
        }
    }

    /** The statements of {@code dialect}, rendered on first use. */
    public static ConnectionSql of(SqlDialect dialect) {
        return RENDERED.computeIfAbsent(dialect, ConnectionSql::new);
    }

    /** The given columns followed by the {@link #CHANGING} ones. */
    private static List<Field<?>> columns(List<Field<?>> first) {
        var all = new ArrayList<Field<?>>(first);
        all.addAll(CHANGING);
        return all;
    }

    /** Each {@link #CHANGING} column set to {@code value} of it, in order. */
    private static Map<Field<?>, Field<?>> changes(Function<Field<?>, Field<?>> value) {
        var changes = new LinkedHashMap<Field<?>, Field<?>>();
        CHANGING.forEach(column -> changes.put(column, value.apply(column)));
        return changes;
    }

    private static <T> Field<T> parameter(Field<T> column) {
        return param(column.getName(), column.getDataType());
    }

    private static <T> Field<T> excludedValue(Field<T> column) {
        return excluded(column);
    }

    /** Which rows a page lists, besides the namespace; each filter binds one parameter or none. */
    enum Filter {
        /** Every connection of the namespace. */
        ALL(noCondition()),
        /** Parameter: the owner. */
        AGENT(MCP_CONNECTIONS.AGENT_ID.eq(param("agent_id", String.class))),
        /** Parameter: the status's storage name; matched as ConnectionStatus.fromStorageName reads. */
        STATUS(lower(trim(MCP_CONNECTIONS.STATUS, inline(ConnectionStatus.STORAGE_BLANKS)))
                .eq(param("status", String.class)));

        private final Condition condition;

        Filter(Condition condition) {
            this.condition = condition;
        }

        boolean bindsValue() {
            return this != ALL;
        }
    }

    /** Parameters: namespace, the filter's, the row limit. */
    String first(Filter filter) {
        return pages.get(filter)[0];
    }

    /** Parameters: namespace, the filter's, the cursor's position twice and its id, the row limit. */
    String after(Filter filter) {
        return pages.get(filter)[1];
    }

    private String page(Condition filter, Condition after) {
        return render(sql.select(row).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                .and(filter)
                .and(after)
                .orderBy(sortKey.desc(), MCP_CONNECTIONS.ID.desc())
                .limit(param("limit", Integer.class)));
    }

    /** The first page of a namespace, as the repository asks for it: for verify's plan check. */
    public String firstPageOfNamespace() {
        return first(Filter.ALL);
    }

    /** The first page of an owner's connections, as the repository asks for it: for verify's plan check. */
    public String firstPageOfAgent() {
        return first(Filter.AGENT);
    }

    private String render(Query query) {
        return sql.render(query);
    }
}
