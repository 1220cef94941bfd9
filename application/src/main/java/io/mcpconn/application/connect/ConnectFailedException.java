package io.mcpconn.application.connect;

import io.mcpconn.application.connection.ApplicationException;
import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.domain.connection.McpConnection;

/**
 * Connecting failed after every attempt; the connection was saved in ERROR with the cause. The
 * message is the last attempt's, redacted; {@link #reason()} tells the kind of failure. The
 * adapter's exception is deliberately not attached as the cause: what lies below it (transport
 * errors, the server's own text) may quote a secret, and stack traces get logged.
 */
public final class ConnectFailedException extends ApplicationException {

    private static final long serialVersionUID = 1L;

    private final McpClientException.Reason reason;
    private final int attempts;

    ConnectFailedException(McpConnection connection, McpClientException last, int attempts) {
        super("connecting " + connection.serverName() + " failed after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ")
                + connection.lastError().map(error -> error.message()).orElse(last.reason().name()));
        this.reason = last.reason();
        this.attempts = attempts;
    }

    /** What kind of failure the last attempt met. */
    public McpClientException.Reason reason() {
        return reason;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }
}
