package io.mcpconn.application.tool;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;

/**
 * Ask to call one tool of an active connection.
 *
 * @param namespace the tenant
 * @param ref       which connection
 * @param toolName  the tool, as the server names it
 * @param arguments the arguments, a JSON object checked against the tool's input schema
 */
public record CallToolCommand(Namespace namespace, ConnectionRef ref, String toolName, JsonObject arguments) {

    public CallToolCommand {
        Objects.requireNonNull(namespace, "namespace is required but was missing");
        Objects.requireNonNull(ref, "connection is required but was missing");
        Checks.text(toolName, "tool name", 128);
        Objects.requireNonNull(arguments, "arguments are required but were missing; pass {} for none");
    }
}
