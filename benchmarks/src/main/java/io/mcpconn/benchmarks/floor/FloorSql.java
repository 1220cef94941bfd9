package io.mcpconn.benchmarks.floor;

/**
 * The floor's statements, written out by hand, in one of two dialects. The statements are the same
 * on both databases but for two named differences: how a page is ordered ({@link #sortKey()}), and
 * how text reaches a JSON or time column (PostgreSQL casts it to {@code jsonb} or
 * {@code timestamptz}; SQLite stores the text as it is).
 */
public final class FloorSql {

    /**
     * SQLite's listing order's sort key, spelled exactly so that the expression index the library's
     * migration V5 adds can serve it: text order is time order only once the other writers'
     * timestamp formats (no fraction, ISO {@code T}) are brought to one form.
     */
    public static final String SORT_KEY = "substr(CASE WHEN length(created_at) = 19"
            + " THEN replace(created_at, 'T', ' ') || '.000000' ELSE replace(created_at, 'T', ' ') END, 1, 40)";

    /** SQLite: text in, text out; pages ordered by {@link #SORT_KEY}. */
    public static final FloorSql SQLITE = new FloorSql(SORT_KEY, "?", "?");

    /**
     * PostgreSQL: {@code created_at} is a {@code TIMESTAMPTZ}, so pages are ordered by the column
     * itself (V5 indexes {@code (namespace, created_at, id)}), and text is cast where the column is
     * {@code JSONB} or {@code TIMESTAMPTZ}, so the statements do not depend on the driver's
     * {@code stringtype} setting.
     */
    public static final FloorSql POSTGRESQL = new FloorSql("created_at", "?::jsonb", "?::timestamptz");

    /** Every column of {@code mcp_connections}, in {@link FloorRow}'s order. */
    static final String COLUMNS = "id, server_name, namespace, agent_id, status, config_json, tools_json,"
            + " error_message, error_at, created_at, connected_at, disconnected_at, updated_at, version";

    private final String sortKey;
    private final String insert;
    private final String update;
    private final String byId;
    private final String byNamespace;
    private final String byAgent;
    private final String newestFirst;
    private final String after;

    private FloorSql(String sortKey, String json, String time) {
        this.sortKey = sortKey;
        this.insert = "INSERT INTO mcp_connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, " + json + ", " + json
                + ", ?, " + time + ", " + time + ", " + time + ", " + time + ", " + time + ", ?)";
        this.update = "UPDATE mcp_connections SET status = ?, config_json = " + json + ", tools_json = " + json + ","
                + " error_message = ?, error_at = " + time + ", connected_at = " + time + ", disconnected_at = " + time
                + ", updated_at = " + time + ", version = ? WHERE id = ? AND namespace = ? AND version = ?";
        this.byId = "SELECT " + COLUMNS + " FROM mcp_connections WHERE namespace = ? AND id = ?";
        this.byNamespace = "SELECT " + COLUMNS + " FROM mcp_connections WHERE namespace = ?";
        this.byAgent = byNamespace + " AND agent_id = ?";
        this.newestFirst = " ORDER BY " + sortKey + " DESC, id DESC LIMIT ";
        this.after = " AND (" + sortKey + ", id) < (" + time + ", ?)";
    }

    /** The expression pages are ordered by, newest first, then by id. */
    public String sortKey() {
        return sortKey;
    }

    String insert() {
        return insert;
    }

    String update() {
        return update;
    }

    String byId() {
        return byId;
    }

    String namespacePage(int size) {
        return byNamespace + newestFirst + size;
    }

    String namespacePageAfter(int size) {
        return byNamespace + after + newestFirst + size;
    }

    String agentPage(int size) {
        return byAgent + newestFirst + size;
    }

    String agentPageAfter(int size) {
        return byAgent + after + newestFirst + size;
    }
}
