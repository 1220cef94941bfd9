package io.mcpconn.infrastructure.jdbc.connection;

import io.mcpconn.infrastructure.jdbc.database.SqlDialect;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL the repository runs, rendered once per dialect: rendering a query costs about as much as
 * the database takes to run it, and the text never changes, so it is prepared once per connection
 * and bound again on every call. The statements are built with jOOQ from the generated model
 * ({@link ConnectionStatements}); an adapter's build renders them into a resource beside its
 * dialect ({@link RenderedStatements}), which is read instead when it is there, so that a
 * short-lived process does not pay for jOOQ. What the dialects do differently ({@link SqlDialect})
 * is the page order and how times are read.
 *
 * <p>The parameters of each statement are listed where it is defined, in the order they bind.
 */
public final class ConnectionSql {

    static final String BY_ID = "by-id";
    static final String BY_SERVER_NAME = "by-server-name";
    static final String STORED_STATE = "stored-state";
    static final String NAME_HOLDER = "name-holder";
    static final String INSERT = "insert";
    static final String UPDATE = "update";
    static final String UPDATE_KEEPING_NAME = "update-keeping-name";

    private static final Map<SqlDialect, ConnectionSql> RENDERED = new ConcurrentHashMap<>();

    /** Parameters: namespace, id. */
    final String byId;
    /** Parameters: namespace, server name. */
    final String byServerName;
    /** Parameters: id. What a save that was refused needs to say why. */
    final String storedState;
    /** Parameters: namespace, server name, id. */
    final String nameHolder;

    /**
     * Parameters: id, server name, namespace, owner, created_at, then the columns every save
     * writes (status, config, tools, error message, error time, connected, disconnected, updated,
     * version). Version 0 is both a new connection's and that of a row another writer (the Python
     * service) inserted, so a row of that id is updated instead, on the same terms as
     * {@link #update}: only if it is at version 0, of the same namespace and owner. Otherwise
     * nothing is written, and the repository finds out why.
     */
    final String insert;

    /**
     * Parameters: the server name, the columns every save writes, then id, namespace, the version
     * loaded and the owner. Id, namespace, owner and created_at are fixed at registration and never
     * written again; a row that is not the loaded version of the same owner's connection is not
     * updated, and the repository then finds out why.
     */
    final String update;

    /**
     * Parameters: the columns every save writes, then id, namespace, the version loaded, the owner
     * and the server name. What nearly every save is: a name left as it was, not written, because a
     * written name rewrites its entry in the unique name index (37 µs of an update at a million
     * rows in SQLite). A renamed connection is not updated by it, and {@link #update} follows.
     */
    final String updateKeepingName;

    private final Map<Filter, String> firstPages = new EnumMap<>(Filter.class);
    private final Map<Filter, String> pagesAfter = new EnumMap<>(Filter.class);

    private ConnectionSql(Map<String, String> statements) {
        this.byId = statements.get(BY_ID);
        this.byServerName = statements.get(BY_SERVER_NAME);
        this.storedState = statements.get(STORED_STATE);
        this.nameHolder = statements.get(NAME_HOLDER);
        this.insert = statements.get(INSERT);
        this.update = statements.get(UPDATE);
        this.updateKeepingName = statements.get(UPDATE_KEEPING_NAME);
        for (var filter : Filter.values()) {
            firstPages.put(filter, statements.get(firstPage(filter)));
            pagesAfter.put(filter, statements.get(pageAfter(filter)));
        }
    }

    /**
     * The statements of {@code dialect}: as its adapter's build rendered them, or rendered now
     * where it shipped none (a dialect of its own, classes run without the build).
     */
    public static ConnectionSql of(SqlDialect dialect) {
        return RENDERED.computeIfAbsent(dialect, ConnectionSql::load);
    }

    private static ConnectionSql load(SqlDialect dialect) {
        return new ConnectionSql(RenderedStatements.shipped(dialect, ConnectionSql.keys())
                .orElseGet(() -> ConnectionStatements.render(dialect)));
    }

    /** The key of every statement, as {@link ConnectionStatements#render} and the shipped resource name them. */
    static Set<String> keys() {
        var keys = new TreeSet<>(List.of(BY_ID, BY_SERVER_NAME, STORED_STATE, NAME_HOLDER,
                INSERT, UPDATE, UPDATE_KEEPING_NAME));
        for (var filter : Filter.values()) {
            keys.add(firstPage(filter));
            keys.add(pageAfter(filter));
        }
        return keys;
    }

    static String firstPage(Filter filter) {
        return "page-" + filter.key + "-first";
    }

    static String pageAfter(Filter filter) {
        return "page-" + filter.key + "-after";
    }

    /** Which rows a page lists, besides the namespace; each filter binds one parameter or none. */
    enum Filter {
        /** Every connection of the namespace. */
        ALL("all"),
        /** Parameter: the owner. */
        AGENT("agent"),
        /** Parameter: the status's storage name; matched as ConnectionStatus.fromStorageName reads. */
        STATUS("status");

        private final String key;

        Filter(String key) {
            this.key = key;
        }

        boolean bindsValue() {
            return this != ALL;
        }
    }

    /** Parameters: namespace, the filter's, the row limit. */
    String first(Filter filter) {
        return firstPages.get(filter);
    }

    /** Parameters: namespace, the filter's, the cursor's position twice and its id, the row limit. */
    String after(Filter filter) {
        return pagesAfter.get(filter);
    }

    /** The first page of a namespace, as the repository asks for it: for verify's plan check. */
    public String firstPageOfNamespace() {
        return first(Filter.ALL);
    }

    /** The first page of an owner's connections, as the repository asks for it: for verify's plan check. */
    public String firstPageOfAgent() {
        return first(Filter.AGENT);
    }
}
