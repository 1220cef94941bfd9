package io.mcpconn.application.mcp;

/**
 * What a session tells the application of its own accord. Implementations return quickly: they
 * are called on the adapter's threads.
 */
public interface SessionListener {

    /** The server sent {@code notifications/tools/list_changed}: its tools should be listed again. */
    void toolsChanged();

    /**
     * The session died without being closed: the server process exited, the HTTP connection
     * failed. Called at most once per session, never after {@link McpSession#close()}.
     *
     * @param cause what happened, for the connection's last error; holds no secret
     */
    void sessionLost(String cause);

    /** A listener that ignores everything. */
    static SessionListener ignoring() {
        return new SessionListener() {
            @Override
            public void toolsChanged() {
            }

            @Override
            public void sessionLost(String cause) {
            }
        };
    }
}
