package io.mcpconn.application.tool;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;

/**
 * Ask to discover an active connection's tools again.
 *
 * @param namespace the tenant
 * @param ref       which connection
 */
public record RefreshToolsCommand(Namespace namespace, ConnectionRef ref) {

    public RefreshToolsCommand {
        Objects.requireNonNull(namespace, "namespace is required but was missing");
        Objects.requireNonNull(ref, "connection is required but was missing");
    }
}
