package io.mcpconn.benchmarks.floor;

/** The floor's statements, written out by hand. */
public final class FloorSql {

    /**
     * The listing order's sort key, spelled exactly so that the expression index the library's
     * migration V5 adds can serve it: text order is time order only once the other writers'
     * timestamp formats (no fraction, ISO {@code T}) are brought to one form.
     */
    public static final String SORT_KEY = "substr(CASE WHEN length(created_at) = 19"
            + " THEN replace(created_at, 'T', ' ') || '.000000' ELSE replace(created_at, 'T', ' ') END, 1, 40)";

    /** Every column of {@code mcp_connections}, in {@link FloorRow}'s order. */
    static final String COLUMNS = "id, server_name, namespace, agent_id, status, config_json, tools_json,"
            + " error_message, error_at, created_at, connected_at, disconnected_at, updated_at, version";

    static final String INSERT = "INSERT INTO mcp_connections (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String UPDATE = "UPDATE mcp_connections SET status = ?, config_json = ?, tools_json = ?,"
            + " error_message = ?, error_at = ?, connected_at = ?, disconnected_at = ?, updated_at = ?, version = ?"
            + " WHERE id = ? AND namespace = ? AND version = ?";

    static final String BY_ID = "SELECT " + COLUMNS + " FROM mcp_connections WHERE namespace = ? AND id = ?";

    private static final String NEWEST_FIRST = " ORDER BY " + SORT_KEY + " DESC, id DESC LIMIT ";
    private static final String AFTER = " AND (" + SORT_KEY + ", id) < (?, ?)";
    private static final String BY_NAMESPACE = "SELECT " + COLUMNS + " FROM mcp_connections WHERE namespace = ?";
    private static final String BY_AGENT = BY_NAMESPACE + " AND agent_id = ?";

    static String namespacePage(int size) {
        return BY_NAMESPACE + NEWEST_FIRST + size;
    }

    static String namespacePageAfter(int size) {
        return BY_NAMESPACE + AFTER + NEWEST_FIRST + size;
    }

    static String agentPage(int size) {
        return BY_AGENT + NEWEST_FIRST + size;
    }

    static String agentPageAfter(int size) {
        return BY_AGENT + AFTER + NEWEST_FIRST + size;
    }

    private FloorSql() {
    }
}
