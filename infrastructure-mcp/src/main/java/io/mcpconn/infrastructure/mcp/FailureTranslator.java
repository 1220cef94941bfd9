package io.mcpconn.infrastructure.mcp;

import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Words every failure of one server as a {@link McpClientException}: what failed, where, and
 * how to fix it, in the library's words. Every message passes through the configuration's
 * redaction, because the SDK's messages echo commands, URLs and requests.
 */
final class FailureTranslator {

    /** Thrown inside this package when a session ends under a waiting request. */
    static final class SessionEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionEnded(String cause) {
            super(cause, null, false, false);
        }
    }

    private static final int MAX_DETAIL = 300;

    private final ConnectionConfig config;
    private final String server;

    FailureTranslator(ConnectionConfig config) {
        this.config = config;
        this.server = describe(config);
    }

    /** The server as messages name it, without secrets. */
    String server() {
        return server;
    }

    /** A failure with a message of ours, redacted. */
    McpClientException failure(Reason reason, String message) {
        return new McpClientException(reason, config.redact(message));
    }

    /** A failure of {@code action} (e.g. "list its tools"), caused by {@code failure}. */
    McpClientException translate(String action, Throwable failure) {
        var problem = classify(action, failure);
        // The cause stays attached for stack traces, but only our redacted words are the message.
        return new McpClientException(problem.reason, config.redact(problem.message), Redacted.of(failure, config));
    }

    private Problem classify(String action, Throwable failure) {
        var auth = find(failure, McpHttpClientTransportAuthorizationException.class);
        if (auth != null) {
            return authentication(action, auth.getResponseInfo() == null ? 401 : auth.getResponseInfo().statusCode());
        }
        var ended = find(failure, SessionEnded.class);
        if (ended != null) {
            return new Problem(Reason.SESSION_CLOSED, "the session with " + server + " has ended (" + ended.getMessage()
                    + "), so it could not " + action + "; open a new session");
        }
        var rpc = find(failure, McpError.class);
        if (rpc != null) {
            return rpcError(action, rpc);
        }
        if (find(failure, HttpConnectTimeoutException.class) != null) {
            return new Problem(Reason.TIMEOUT, "could not connect to " + server + " within the timeout of "
                    + seconds(config.timeout()) + "; check that the host is reachable, or raise the connection's timeout");
        }
        if (find(failure, TimeoutException.class) != null) {
            return new Problem(Reason.TIMEOUT, server + " did not " + action + " within the timeout of "
                    + seconds(config.timeout()) + "; raise the connection's timeout if the server is slow,"
                    + " or check that it speaks MCP");
        }
        if (find(failure, UnknownHostException.class) != null || find(failure, UnresolvedAddressException.class) != null) {
            return new Problem(Reason.UNREACHABLE, "the host of " + server + " is unknown, so it could not " + action
                    + "; check the host name in the URL");
        }
        if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null) {
            return new Problem(Reason.UNREACHABLE, "nothing answers at " + server + " (connection refused), so it could not "
                    + action + "; check that the server is running and the URL's host and port");
        }
        if (find(failure, McpTransportSessionNotFoundException.class) != null) {
            return new Problem(Reason.SESSION_CLOSED, server + " no longer knows this session (it was probably restarted),"
                    + " so it could not " + action + "; open a new session");
        }
        var transport = find(failure, McpTransportException.class);
        if (transport != null) {
            return transportError(action, transport);
        }
        if (find(failure, IOException.class) != null || terminated(failure)) {
            return new Problem(Reason.SESSION_CLOSED, "the connection to " + server + " broke, so it could not " + action
                    + " (" + detail(failure) + "); open a new session");
        }
        return new Problem(Reason.PROTOCOL, server + " could not " + action + ": " + detail(failure)
                + "; check that the server speaks MCP");
    }

    private Problem authentication(String action, int status) {
        var what = status == 403 ? "refused access" : "refused the credentials";
        if (config.apiKey().isPresent()) {
            var where = config.apiKey().get().header().map(h -> "the " + h + " header").orElse("Authorization: Bearer");
            return new Problem(Reason.AUTHENTICATION, server + " refused the api key (HTTP " + status + ") when asked to "
                    + action + "; check the key (mcpconn can re-set it) and that the server expects it in " + where);
        }
        return new Problem(Reason.AUTHENTICATION, server + " " + what + " (HTTP " + status + ") when asked to " + action
                + ", and no api key is configured; give the connection the server's api key");
    }

    private Problem rpcError(String action, McpError rpc) {
        var error = rpc.getJsonRpcError();
        var code = error == null || error.code() == null ? "" : " " + error.code();
        var message = error == null ? rpc.getMessage() : error.message();
        if (action.equals(SdkMcpSession.INITIALIZE)) {
            return new Problem(Reason.PROTOCOL, server + " refused the initialize request with error" + code + ": "
                    + shorten(message) + "; check that client and server share an MCP protocol version");
        }
        return new Problem(Reason.SERVER_ERROR, server + " answered the request to " + action + " with error" + code
                + ": " + shorten(message));
    }

    private Problem transportError(String action, McpTransportException transport) {
        var message = String.valueOf(transport.getMessage());
        if (message.contains("Status code:404") || message.contains("Status code: 404")) {
            return new Problem(Reason.PROTOCOL, server + " answered HTTP 404 when asked to " + action
                    + ": there is no MCP endpoint at this URL; check its path (MCP servers usually serve /mcp)");
        }
        return new Problem(Reason.PROTOCOL, server + " did not answer like an MCP server when asked to " + action + " ("
                + detail(transport) + "); check that the URL points at an MCP Streamable HTTP endpoint");
    }

    // The SDK fails requests still waiting when its session closes with this message and no type of its own.
    private static boolean terminated(Throwable failure) {
        for (var t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("MCP session with server terminated")) {
                return true;
            }
        }
        return false;
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (var t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The innermost message worth showing, shortened. */
    static String detail(Throwable failure) {
        Throwable deepest = failure;
        String message = null;
        int depth = 0;
        for (var t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            deepest = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return shorten(message != null ? message : deepest.getClass().getSimpleName());
    }

    static String shorten(String text) {
        var oneLine = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL - 3) + "...";
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String describe(ConnectionConfig config) {
        if (config.transport() instanceof HttpTransport) {
            return "the MCP server at " + ((HttpTransport) config.transport()).maskedUrl();
        }
        var stdio = (StdioTransport) config.transport();
        var line = new StringBuilder(stdio.command());
        stdio.maskedArgs().forEach(arg -> line.append(' ').append(arg));
        var shown = line.length() <= 120 ? line.toString() : line.substring(0, 117) + "...";
        return "the MCP server started as \"" + config.redact(shown) + "\"";
    }

    private record Problem(Reason reason, String message) {
    }

    /**
     * The SDK's exception, kept as the cause for its stack trace but with its message redacted,
     * since callers may log the whole chain.
     */
    static final class Redacted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Redacted(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        static Redacted of(Throwable original, ConnectionConfig config) {
            return of(original, config, 0);
        }

        private static Redacted of(Throwable original, ConnectionConfig config, int depth) {
            var cause = original.getCause();
            var redactedCause = cause == null || cause == original || depth >= 10 ? null : of(cause, config, depth + 1);
            var copy = new Redacted(original.getClass().getName() + ": "
                    + config.redact(String.valueOf(original.getMessage())), redactedCause);
            copy.setStackTrace(original.getStackTrace());
            return copy;
        }
    }
}
