package io.mcpconn.application.mcp;

import java.util.Objects;

/**
 * Talking to an MCP server failed. The message says what failed and how to fix it, and holds no
 * secret; {@link #reason()} lets callers (and the CLI's exit codes) tell the cases apart.
 */
public final class McpClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the server could not be used. */
    public enum Reason {
        /** Nothing answers at the URL, or the command could not be started. */
        UNREACHABLE,
        /** The server refused the credentials (HTTP 401 or 403). */
        AUTHENTICATION,
        /** The server did not answer within the configured timeout. */
        TIMEOUT,
        /** The server answered something that is not MCP, or broke the protocol. */
        PROTOCOL,
        /** The server answered the request with a JSON-RPC error. */
        SERVER_ERROR,
        /** The session is closed or died. */
        SESSION_CLOSED
    }

    private final Reason reason;

    /** A failure for {@code reason}, described by {@code message} (which must hold no secret). */
    public McpClientException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A failure for {@code reason}, described by {@code message}, caused by {@code cause}. */
    public McpClientException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }

    /** Whether trying again may help (the server was unreachable or slow), as opposed to a refusal. */
    public boolean isTransient() {
        return reason == Reason.UNREACHABLE || reason == Reason.TIMEOUT || reason == Reason.SESSION_CLOSED;
    }
}
