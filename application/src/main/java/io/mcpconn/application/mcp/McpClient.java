package io.mcpconn.application.mcp;

import io.mcpconn.domain.config.ConnectionConfig;

/**
 * Outbound port: opens MCP sessions. An adapter speaks the protocol over the transport the
 * configuration names (Streamable HTTP or stdio); the application never sees its types.
 *
 * <p>Implementations are thread-safe; sessions they open are independent of each other.
 */
public interface McpClient {

    /**
     * Opens a session: starts or reaches the server and runs MCP's {@code initialize} handshake,
     * bounded by {@link ConnectionConfig#timeout()}. Does not retry; the application decides that.
     *
     * @param config   how to reach the server
     * @param listener told when the server changes its tools or the session dies; called on a
     *                 thread of the adapter's, never while {@code open} is still running
     * @return the initialized session
     * @throws McpClientException if the server cannot be reached, refuses the credentials, does not
     *                            answer in time or breaks the protocol
     */
    McpSession open(ConnectionConfig config, SessionListener listener);
}
