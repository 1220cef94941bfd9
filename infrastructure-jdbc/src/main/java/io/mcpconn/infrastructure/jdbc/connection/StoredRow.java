package io.mcpconn.infrastructure.jdbc.connection;

/**
 * One row of {@code mcp_connections} as stored, every column as the text it holds, before anything
 * is checked: what {@link ConnectionRows} reads a connection from, one column at a time.
 *
 * @param configJson {@code null} when the stored text is longer than {@link #MAX_CONFIG_LENGTH}
 * @param toolsJson {@code null} when the stored text is longer than {@link #MAX_TOOLS_LENGTH}
 * @param configLength characters stored in {@code config_json}
 * @param toolsLength characters stored in {@code tools_json}
 */
record StoredRow(String id, String serverName, String namespace, String agentId, String status, String configJson,
        String toolsJson, String errorMessage, String errorAt, String createdAt, String connectedAt,
        String disconnectedAt, String updatedAt, Long version, long configLength, long toolsLength) {

    /**
     * Longest {@code tools_json} read: twice the most a catalog may take
     * ({@link io.mcpconn.domain.tool.ToolCatalog#MAX_BYTES}), for the keys the stored form adds.
     * Longer text is never loaded: the row is reported unreadable from its length alone.
     */
    static final long MAX_TOOLS_LENGTH = 2 * io.mcpconn.domain.tool.ToolCatalog.MAX_BYTES;

    /** Longest {@code config_json} read; a configuration is a few hundred characters. */
    static final long MAX_CONFIG_LENGTH = 16L * 1024 * 1024;

    /** What the row weighs towards a page's byte budget. */
    long bytes() {
        return configLength + toolsLength;
    }

    @Override
    public String toString() {
        // config_json may hold plaintext secrets written by another program.
        return "StoredRow[id=" + id + ", namespace=" + namespace + ", server_name=" + serverName + "]";
    }
}
