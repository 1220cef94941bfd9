package io.mcpconn.infrastructure.mcp.clientconfig;

/**
 * The two shapes MCP clients keep their servers in.
 */
public enum ClientConfigFormat {
    /**
     * {@code {"mcpServers": {"name": {"command", "args", "env", "cwd"} | {"url", "headers"}}}}: desktop
     * clients and most editors' plug-ins.
     */
    MCP_SERVERS("mcpServers"),
    /**
     * {@code {"servers": {"name": {"type": "stdio" | "http", …}}}}: the editors' workspace files
     * ({@code .vscode/mcp.json}).
     */
    SERVERS("servers");

    private final String key;

    ClientConfigFormat(String key) {
        this.key = key;
    }

    /** The top-level key that holds the servers. */
    public String key() {
        return key;
    }
}
