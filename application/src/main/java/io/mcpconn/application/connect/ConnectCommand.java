package io.mcpconn.application.connect;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;

/**
 * Ask to connect a registered server: open a session, discover its tools, keep the session.
 *
 * @param namespace the tenant
 * @param ref       which connection
 */
public record ConnectCommand(Namespace namespace, ConnectionRef ref) {

    public ConnectCommand {
        Objects.requireNonNull(namespace, "namespace is required but was missing");
        Objects.requireNonNull(ref, "connection is required but was missing");
    }
}
