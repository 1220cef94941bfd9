package io.mcpconn.application.registration;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;

/**
 * Ask to register a new MCP server for an agent. Its parts are already-validated value objects;
 * the record only insists that all of them are there.
 *
 * @param namespace  the tenant
 * @param owner      the agent that will own the connection
 * @param serverName unique within the namespace
 * @param config     how to reach the server
 */
public record RegisterConnectionCommand(Namespace namespace, AgentId owner, ServerName serverName,
                                        ConnectionConfig config) {

    public RegisterConnectionCommand {
        Objects.requireNonNull(namespace, "namespace is required but was missing");
        Objects.requireNonNull(owner, "owner is required but was missing");
        Objects.requireNonNull(serverName, "serverName is required but was missing");
        Objects.requireNonNull(config, "config is required but was missing");
    }
}
