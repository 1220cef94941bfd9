package io.mcpconn.application.removal;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;

/**
 * Ask to remove a connection for good.
 *
 * @param namespace the tenant
 * @param by        the agent asking; only the owner may remove
 * @param ref       which connection
 */
public record RemoveConnectionCommand(Namespace namespace, AgentId by, ConnectionRef ref) {

    public RemoveConnectionCommand {
        Objects.requireNonNull(namespace, "namespace is required but was missing");
        Objects.requireNonNull(by, "agent is required but was missing");
        Objects.requireNonNull(ref, "connection is required but was missing");
    }
}
