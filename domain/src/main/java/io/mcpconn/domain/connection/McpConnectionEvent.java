package io.mcpconn.domain.connection;

import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.ToolChanges;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a connection, recorded by the aggregate and published by the
 * application after the connection is saved. Events carry no configuration, so never a secret;
 * error texts are redacted before they get here.
 */
public sealed interface McpConnectionEvent {

    /** The connection it happened to. */
    ConnectionId connectionId();

    /** The connection's namespace, so subscribers can route without a lookup. */
    Namespace namespace();

    /** The connection's server name. */
    ServerName serverName();

    /** When it happened, as the command that recorded it was told. */
    Instant occurredAt();

    /** A connection was created, disconnected, for {@code owner}. */
    record ConnectionRegistered(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                                AgentId owner, Instant occurredAt) implements McpConnectionEvent {
        public ConnectionRegistered {
            requireCommon(connectionId, namespace, serverName, occurredAt);
            Objects.requireNonNull(owner, "owner");
        }
    }

    /** Connecting to the server began. */
    record ConnectingStarted(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                             Instant occurredAt) implements McpConnectionEvent {
        public ConnectingStarted {
            requireCommon(connectionId, namespace, serverName, occurredAt);
        }
    }

    /** The connection became active, offering {@code toolCount} tools. */
    record Connected(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                     int toolCount, Instant occurredAt) implements McpConnectionEvent {
        public Connected {
            requireCommon(connectionId, namespace, serverName, occurredAt);
        }
    }

    /** The connection failed while {@code previousStatus}; {@code error} is redacted. */
    record ConnectionFailed(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                            ConnectionStatus previousStatus, String error, Instant occurredAt)
            implements McpConnectionEvent {
        public ConnectionFailed {
            requireCommon(connectionId, namespace, serverName, occurredAt);
            Objects.requireNonNull(previousStatus, "previousStatus");
            Objects.requireNonNull(error, "error");
        }
    }

    /** An orderly disconnect began. */
    record DisconnectingStarted(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                                Instant occurredAt) implements McpConnectionEvent {
        public DisconnectingStarted {
            requireCommon(connectionId, namespace, serverName, occurredAt);
        }
    }

    /**
     * The connection is disconnected. {@code graceful} when it went through
     * {@link ConnectionStatus#DISCONNECTING}, not when it was dropped, cancelled or reset.
     */
    record Disconnected(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                        String reason, boolean graceful, Instant occurredAt) implements McpConnectionEvent {
        public Disconnected {
            requireCommon(connectionId, namespace, serverName, occurredAt);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The connection was given a new configuration while not in use. Says whether the transport
     * (URL, command) or the authentication (api key) changed; never the values.
     */
    record ConfigurationChanged(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                                boolean transportChanged, boolean authenticationChanged, Instant occurredAt)
            implements McpConnectionEvent {
        public ConfigurationChanged {
            requireCommon(connectionId, namespace, serverName, occurredAt);
        }
    }

    /** The connection was removed by its owner, {@code by}. */
    record ConnectionRemoved(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                             AgentId by, Instant occurredAt) implements McpConnectionEvent {
        public ConnectionRemoved {
            requireCommon(connectionId, namespace, serverName, occurredAt);
            Objects.requireNonNull(by, "by");
        }
    }

    /** A re-discovery on an active connection found different tools. */
    record ToolsChanged(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                        ToolChanges changes, Instant occurredAt) implements McpConnectionEvent {
        public ToolsChanged {
            requireCommon(connectionId, namespace, serverName, occurredAt);
            Objects.requireNonNull(changes, "changes");
        }
    }

    private static void requireCommon(ConnectionId connectionId, Namespace namespace, ServerName serverName,
                                      Instant occurredAt) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
