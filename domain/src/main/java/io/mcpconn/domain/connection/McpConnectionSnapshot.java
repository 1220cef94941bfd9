package io.mcpconn.domain.connection;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.ToolCatalog;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Every stored field of a connection, as one value: what repository adapters write, and what
 * they give back to {@link McpConnection#restore} to rebuild the aggregate without raising
 * events. The fields are the seed's columns plus {@code version}.
 *
 * @param lastError why it is in ERROR; empty in every other status
 * @param version how many times the connection has been saved; 0 for one never saved by us
 */
public record McpConnectionSnapshot(
        ConnectionId id,
        ServerName serverName,
        Namespace namespace,
        AgentId agentId,
        ConnectionConfig config,
        ConnectionStatus status,
        ToolCatalog tools,
        Optional<LastError> lastError,
        Instant createdAt,
        Optional<Instant> connectedAt,
        Optional<Instant> disconnectedAt,
        Optional<Instant> updatedAt,
        long version) {

    public McpConnectionSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(disconnectedAt, "disconnectedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (lastError.isPresent() && status != ConnectionStatus.ERROR) {
            throw new InvalidValueException("connection " + id + " is " + status
                    + " but has a last error; only a connection in ERROR has one");
        }
        if (version < 0) {
            throw new InvalidValueException("version must be 0 or more, but is " + version);
        }
    }

    /** The same state stored as {@code newVersion}. */
    public McpConnectionSnapshot withVersion(long newVersion) {
        return new McpConnectionSnapshot(id, serverName, namespace, agentId, config, status, tools, lastError,
                createdAt, connectedAt, disconnectedAt, updatedAt, newVersion);
    }
}
