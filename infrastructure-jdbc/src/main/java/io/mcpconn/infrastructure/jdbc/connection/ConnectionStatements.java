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
import io.mcpconn.infrastructure.jdbc.connection.ConnectionSql.Filter;
import io.mcpconn.infrastructure.jdbc.database.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SelectField;
import org.jooq.impl.DefaultDSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Builds {@link ConnectionSql}'s statements with jOOQ from the generated model and renders them in
 * a dialect. Kept apart from {@link ConnectionSql} so that a process reading statements rendered at
 * build time ({@link RenderedStatements}) never loads jOOQ: its first use costs a short command
 * about 90 ms.
 */
final class ConnectionStatements {

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

    private ConnectionStatements(SqlDialect dialect) {
        this.sql = new DefaultDSLContext(dialect.jooq());
        this.sortKey = dialect.sortKey(MCP_CONNECTIONS.CREATED_AT);
        this.row = List.of(MCP_CONNECTIONS.ID, MCP_CONNECTIONS.SERVER_NAME,
                MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.AGENT_ID, MCP_CONNECTIONS.STATUS, CONFIG_TEXT, TOOLS_TEXT,
                MCP_CONNECTIONS.ERROR_MESSAGE, dialect.timeText(MCP_CONNECTIONS.ERROR_AT),
                dialect.timeText(MCP_CONNECTIONS.CREATED_AT), dialect.timeText(MCP_CONNECTIONS.CONNECTED_AT),
                dialect.timeText(MCP_CONNECTIONS.DISCONNECTED_AT), dialect.timeText(MCP_CONNECTIONS.UPDATED_AT),
                MCP_CONNECTIONS.VERSION, CONFIG_LENGTH, TOOLS_LENGTH,
                dialect.sortKeyText(MCP_CONNECTIONS.CREATED_AT, PageCursor.MAX_POSITION_LENGTH));
    }

    /** Every statement of {@link ConnectionSql}, rendered in {@code dialect}, by its {@link ConnectionSql.Statement} key. */
    static SortedMap<String, String> render(SqlDialect dialect) {
        return new ConnectionStatements(dialect).all();
    }

    private SortedMap<String, String> all() {
        var all = new TreeMap<String, String>();
        all.put(ConnectionSql.BY_ID, render(sql.select(row).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                .and(MCP_CONNECTIONS.ID.eq(param("id", String.class)))));
        all.put(ConnectionSql.BY_SERVER_NAME, render(sql.select(row).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                .and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class)))));
        all.put(ConnectionSql.STORED_STATE, render(sql.select(MCP_CONNECTIONS.NAMESPACE, MCP_CONNECTIONS.VERSION,
                        MCP_CONNECTIONS.AGENT_ID).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.ID.eq(param("id", String.class)))));
        all.put(ConnectionSql.NAME_HOLDER, render(sql.select(MCP_CONNECTIONS.ID).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                .and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class)))
                .and(MCP_CONNECTIONS.ID.ne(param("id", String.class)))));
        var fixed = List.<Field<?>>of(MCP_CONNECTIONS.ID, MCP_CONNECTIONS.SERVER_NAME, MCP_CONNECTIONS.NAMESPACE,
                MCP_CONNECTIONS.AGENT_ID, MCP_CONNECTIONS.CREATED_AT);
        all.put(ConnectionSql.INSERT, render(sql.insertInto(MCP_CONNECTIONS, columns(fixed))
                .values(columns(fixed).stream().map(ConnectionStatements::parameter).toList())
                .onConflict(MCP_CONNECTIONS.ID)
                .doUpdate()
                .set(MCP_CONNECTIONS.SERVER_NAME, excluded(MCP_CONNECTIONS.SERVER_NAME))
                .set(changes(ConnectionStatements::excludedValue))
                .where(MCP_CONNECTIONS.NAMESPACE.eq(excluded(MCP_CONNECTIONS.NAMESPACE)))
                .and(MCP_CONNECTIONS.AGENT_ID.eq(excluded(MCP_CONNECTIONS.AGENT_ID)))
                .and(MCP_CONNECTIONS.VERSION.eq(inline(0L)))));
        all.put(ConnectionSql.UPDATE, render(sql.update(MCP_CONNECTIONS)
                .set(MCP_CONNECTIONS.SERVER_NAME, param("server_name", String.class))
                .set(changes(ConnectionStatements::parameter))
                .where(LOADED_COPY)));
        all.put(ConnectionSql.UPDATE_KEEPING_NAME, render(sql.update(MCP_CONNECTIONS)
                .set(changes(ConnectionStatements::parameter))
                .where(LOADED_COPY.and(MCP_CONNECTIONS.SERVER_NAME.eq(param("server_name", String.class))))));
        for (var filter : Filter.values()) {
            var condition = condition(filter);
            all.put(ConnectionSql.firstPage(filter), page(condition, noCondition()));
            // (key, id) < (?, ?) written so that the database can range-scan the key in the index.
            all.put(ConnectionSql.pageAfter(filter), page(condition, sortKey.le(param("position", String.class))
                    .and(sortKey.lt(param("position_again", String.class))
                            .or(MCP_CONNECTIONS.ID.lt(param("after_id", String.class))))));
        }
        return all;
    }

    /** Which rows of the namespace {@code filter} keeps, binding one parameter or none. */
    private static Condition condition(Filter filter) {
        return switch (filter) {
            case ALL -> noCondition();
            case AGENT -> MCP_CONNECTIONS.AGENT_ID.eq(param("agent_id", String.class));
            // Matched as ConnectionStatus.fromStorageName reads.
            case STATUS -> lower(trim(MCP_CONNECTIONS.STATUS, inline(ConnectionStatus.STORAGE_BLANKS)))
                    .eq(param("status", String.class));
        };
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

    private String page(Condition filter, Condition after) {
        return render(sql.select(row).from(MCP_CONNECTIONS)
                .where(MCP_CONNECTIONS.NAMESPACE.eq(param("namespace", String.class)))
                .and(filter)
                .and(after)
                .orderBy(sortKey.desc(), MCP_CONNECTIONS.ID.desc())
                .limit(param("limit", Integer.class)));
    }

    private String render(Query query) {
        return sql.render(query);
    }
}
