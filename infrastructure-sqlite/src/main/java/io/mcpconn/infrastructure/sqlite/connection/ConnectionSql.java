package io.mcpconn.infrastructure.sqlite.connection;

import static io.mcpconn.infrastructure.sqlite.jooq.Tables.MCP_CONNECTIONS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.length;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.replace;
import static org.jooq.impl.DSL.substring;
import static org.jooq.impl.DSL.trim;
import static org.jooq.impl.DSL.when;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.PageCursor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.impl.DefaultDSLContext;
import org.jooq.impl.SQLDataType;

/**
 * The SQL the repository runs, built with jOOQ from the generated model and rendered once, when
 * the class loads: rendering a query costs about as much as SQLite takes to run it, and the text
 * never changes, so it is prepared once per connection and bound again on every call.
 *
 * <p>The parameters of each statement are listed where it is defined, in the order they bind.
 */
public final class ConnectionSql {

    /**
     * The order of a page: {@code created_at} in one normal form, cut to what a cursor carries.
     * Text order is time order only for one format: rows from SQLite's CURRENT_TIMESTAMP default
     * lack the fraction and ISO writers use 'T'. V5 indexes exactly this expression, which is what
     * lets SQLite read a page from its index instead of sorting the namespace.
     */
    static final Field<String> SORT_KEY = substring(
            when(length(MCP_CONNECTIONS.CREATED_AT).eq(inline(19)),
                    concat(replace(MCP_CONNECTIONS.CREATED_AT, inline("T"), inline(" ")), inline(".000000")))
                    .otherwise(replace(MCP_CONNECTIONS.CREATED_AT, inline("T"), inline(" "))),
            inline(1), inline(PageCursor.MAX_POSITION_LENGTH));

    private static final Field<Long> CONFIG_LENGTH =
            coalesce(length(MCP_CONNECTIONS.CONFIG_JSON.cast(SQLDataType.VARCHAR)), inline(0)).cast(Long.class);
    private static final Field<Long> TOOLS_LENGTH =
            coalesce(length(MCP_CONNECTIONS.TOOLS_JSON.cast(SQLDataType.VARCHAR)), inline(0)).cast(Long.class);

    // Text too long to be a valid column is left in the database: the length alone condemns it.
    private static final Field<String> CONFIG_TEXT = when(CONFIG_LENGTH.le(inline(StoredRow.MAX_CONFIG_LENGTH)),
            MCP_CONNECTIONS.CONFIG_JSON.cast(SQLDataType.VARCHAR));
    private static final Field<String> TOOLS_TEXT = when(TOOLS_LENGTH.le(inline(StoredRow.MAX_TOOLS_LENGTH)),
            MCP_CONNECTIONS.TOOLS_JSON.cast(SQLDataType.VARCHAR));

    /** The selected columns, in the order {@link StoredRows#read} reads them. */
    private static final List<SelectField<?>> ROW = List.of(MCP_CONNECTIONS.ID, MCP_CONNECTIONS.SERVER_NAME,
            MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.AGENT_ID, MCP_CONNECTIONS.STATUS, CONFIG_TEXT, TOOLS_TEXT,
            MCP_CONNECTIONS.ERROR_MESSAGE, MCP_CONNECTIONS.ERROR_AT, MCP_CONNECTIONS.CREATED_AT,
            MCP_CONNECTIONS.CONNECTED_AT, MCP_CONNECTIONS.DISCONNECTED_AT, MCP_CONNECTIONS.UPDATED_AT,
            MCP_CONNECTIONS.VERSION, CONFIG_LENGTH, TOOLS_LENGTH, SORT_KEY);

    // Only renders; never connected to anything.
    private static final DSLContext SQL = new DefaultDSLContext(SQLDialect.SQLITE);

    /** Parameters: namespace, id. */
    static final String BY_ID = render(SQL.select(ROW).from(MCP_CONNECTIONS)
            .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
            .and(MCP_CONNECTIONS.ID.eq(param("id", String.class))));

    /** Parameters: namespace, server name. */
    static final String BY_SERVER_NAME = render(SQL.select(ROW).from(MCP_CONNECTIONS)
            .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
            .and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class))));

    /** Parameters: id. What a save that was refused needs to say why. */
    static final String STORED_STATE = render(SQL.select(MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.VERSION,
                    MCP_CONNECTIONS.AGENT_ID).from(MCP_CONNECTIONS)
            .where(MCP_CONNECTIONS.ID.eq(param("id", String.class))));

    /** Parameters: namespace, server name, id. */
    static final String NAME_HOLDER = render(SQL.select(MCP_CONNECTIONS.ID).from(MCP_CONNECTIONS)
            .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
            .and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class)))
            .and(MCP_CONNECTIONS.ID.ne(param("id", String.class))));

    /** The columns every save writes after the name, in {@link StoredRows}' binding order. */
    private static final List<Field<?>> CHANGING = List.of(MCP_CONNECTIONS.STATUS, MCP_CONNECTIONS.CONFIG_JSON,
            MCP_CONNECTIONS.TOOLS_JSON, MCP_CONNECTIONS.ERROR_MESSAGE, MCP_CONNECTIONS.ERROR_AT,
            MCP_CONNECTIONS.CONNECTED_AT, MCP_CONNECTIONS.DISCONNECTED_AT, MCP_CONNECTIONS.UPDATED_AT,
            MCP_CONNECTIONS.VERSION);

    /** Where an update writes: the loaded version of the same owner's connection, in its namespace. */
    private static final Condition LOADED_COPY = MCP_CONNECTIONS.ID.eq(param("id", String.class))
            .and(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
            .and(MCP_CONNECTIONS.VERSION.eq(param("loaded_version", Long.class)))
            .and(MCP_CONNECTIONS.AGENT_ID.eq(param("agent_id", String.class)));

    /**
     * Parameters: id, server name, namespace, owner, created_at, then the {@link #CHANGING} columns.
     * Version 0 is both a new connection's and that of a row another writer (the Python service)
     * inserted, so a row of that id is updated instead, on the same terms as {@link #UPDATE}: only
     * if it is at version 0, of the same namespace and owner. Otherwise nothing is written, and the
     * repository finds out why.
     */
    static final String INSERT = render(SQL.insertInto(MCP_CONNECTIONS, columns(MCP_CONNECTIONS.ID,
                    MCP_CONNECTIONS.SERVER_NAME, MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.AGENT_ID,
                    MCP_CONNECTIONS.CREATED_AT))
            .values(columns(MCP_CONNECTIONS.ID, MCP_CONNECTIONS.SERVER_NAME, MCP_CONNECTIONS.NAMESPACE,
                    MCP_CONNECTIONS.AGENT_ID, MCP_CONNECTIONS.CREATED_AT).stream().map(ConnectionSql::parameter).toList())
            .onConflict(MCP_CONNECTIONS.ID)
            .doUpdate()
            .set(MCP_CONNECTIONS.SERVER_NAME, excluded(MCP_CONNECTIONS.SERVER_NAME))
            .set(changes(ConnectionSql::excludedValue))
            .where(MCP_CONNECTIONS.NAMESPACE.eq(excluded(MCP_CONNECTIONS.NAMESPACE)))
            .and(MCP_CONNECTIONS.AGENT_ID.eq(excluded(MCP_CONNECTIONS.AGENT_ID)))
            .and(MCP_CONNECTIONS.VERSION.eq(inline(0L))));

    /**
     * Parameters: the server name, the {@link #CHANGING} columns, then id, namespace, the version
     * loaded and the owner. Id, namespace, owner and created_at are fixed at registration and never
     * written again; a row that is not the loaded version of the same owner's connection is not
     * updated, and the repository then finds out why.
     */
    static final String UPDATE = render(SQL.update(MCP_CONNECTIONS)
            .set(MCP_CONNECTIONS.SERVER_NAME, param("server_name", String.class))
            .set(changes(ConnectionSql::parameter))
            .where(LOADED_COPY));

    /**
     * Parameters: the {@link #CHANGING} columns, then id, namespace, the version loaded, the owner
     * and the server name. What nearly every save is: a name left as it was, not written, because a
     * written name rewrites its entry in the unique name index (37 µs of an update at a million
     * rows). A renamed connection is not updated by it, and {@link #UPDATE} follows.
     */
    static final String UPDATE_KEEPING_NAME = render(SQL.update(MCP_CONNECTIONS)
            .set(changes(ConnectionSql::parameter))
            .where(LOADED_COPY.and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class)))));

    /** The given columns followed by the {@link #CHANGING} ones. */
    private static List<Field<?>> columns(Field<?>... first) {
        var all = new ArrayList<Field<?>>(List.of(first));
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

        private final String first;
        private final String after;

        Filter(Condition condition) {
            this.first = page(condition, noCondition());
            // (key, id) < (?, ?) written so that SQLite can range-scan the key in the index.
            this.after = page(condition, SORT_KEY.le(param("position", String.class))
                    .and(SORT_KEY.lt(param("position_again", String.class))
                            .or(MCP_CONNECTIONS.ID.lt(param("after_id", String.class)))));
        }

        /** Parameters: namespace, the filter's, the row limit. */
        String first() {
            return first;
        }

        /** Parameters: namespace, the filter's, the cursor's position twice and its id, the row limit. */
        String after() {
            return after;
        }

        boolean bindsValue() {
            return this != ALL;
        }

        private static String page(Condition filter, Condition after) {
            return render(SQL.select(ROW).from(MCP_CONNECTIONS)
                    .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                    .and(filter)
                    .and(after)
                    .orderBy(SORT_KEY.desc(), MCP_CONNECTIONS.ID.desc())
                    .limit(param("limit", Integer.class)));
        }
    }

    private ConnectionSql() {
    }

    /** The first page of a namespace, as the repository asks for it: for verify's plan check. */
    public static String firstPageOfNamespace() {
        return Filter.ALL.first();
    }

    /** The first page of an owner's connections, as the repository asks for it: for verify's plan check. */
    public static String firstPageOfAgent() {
        return Filter.AGENT.first();
    }

    private static String render(Query query) {
        return SQL.render(query);
    }
}
