package io.mcpconn.application.mcp;

import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.tool.Tool;
import java.util.List;

/**
 * One initialized MCP session with one server. Every request is bounded by the configuration's
 * timeout. Thread-safe: requests may be sent from several threads at once.
 */
public interface McpSession {

    /** Who the server said it is in {@code initialize}. */
    ServerInfo server();

    /**
     * Every tool the server offers, following its pagination cursors to the end, in the server's
     * order, with categories inferred.
     *
     * @throws McpClientException if the request fails, or the server sends a tool the domain refuses
     *                            or repeats a cursor
     */
    List<Tool> listTools();

    /**
     * Calls tool {@code name} with {@code arguments}. A tool that reports an error answers a result
     * with {@link ToolCallResult#isError()}; only a failed request throws.
     *
     * @throws McpClientException if the request fails or the server answers a protocol error
     */
    ToolCallResult callTool(String name, JsonObject arguments);

    /**
     * Checks that the server still answers.
     *
     * @throws McpClientException if it does not
     */
    void ping();

    /**
     * Ends the session: tells the server, waits a bounded time, then makes sure nothing is left
     * behind (a stdio server's whole process tree is killed). Never throws; calling it again does
     * nothing and answers the first outcome.
     */
    CloseOutcome close();
}
