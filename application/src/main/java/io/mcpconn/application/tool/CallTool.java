package io.mcpconn.application.tool;

import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.mcp.McpClient;
import io.mcpconn.application.mcp.ToolCallResult;
import io.mcpconn.application.session.SessionRegistry;
import java.util.Objects;

/**
 * Use case: call one tool of an active connection. The connection must be ACTIVE and offer the
 * tool; the arguments are checked against the tool's input schema by a real JSON Schema validator
 * before anything is sent. A tool that reports an error answers a result with
 * {@link ToolCallResult#isError()}, not an exception.
 *
 * <p>The call goes over the session this instance holds; if another instance (or nobody, for a
 * command-line process) holds it, over a session opened for this call alone.
 */
public final class CallTool {

    private final ConnectionStore store;
    private final JsonSchemaValidator validator;
    private final Sessions sessions;

    public CallTool(ConnectionStore store, McpClient client, SessionRegistry registry, JsonSchemaValidator validator) {
        this.store = Objects.requireNonNull(store, "store");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.sessions = new Sessions(Objects.requireNonNull(client, "client"), Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Calls the tool.
     *
     * @return what the tool returned, error results included
     * @throws io.mcpconn.domain.connection.ConnectionNotActiveException if the connection is not ACTIVE
     * @throws io.mcpconn.domain.connection.UnknownToolException if it offers no such tool
     * @throws InvalidToolArgumentsException if the arguments do not match the tool's input schema
     * @throws io.mcpconn.application.mcp.McpClientException if the request failed
     */
    public ToolCallResult handle(CallToolCommand command) {
        var connection = store.load(command.namespace(), command.ref());
        var tool = connection.toolForCall(command.toolName());
        var violations = validator.violations(tool.inputSchema(), command.arguments());
        if (!violations.isEmpty()) {
            throw new InvalidToolArgumentsException(connection.serverName(), tool.name(), violations);
        }
        return sessions.with(connection, session -> session.callTool(tool.name(), command.arguments()));
    }
}
