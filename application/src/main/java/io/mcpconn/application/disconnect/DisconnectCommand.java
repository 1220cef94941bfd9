package io.mcpconn.application.disconnect;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;

/**
 * Ask to disconnect a connection.
 *
 * @param namespace the tenant
 * @param ref       which connection
 * @param reason    why, kept in the {@code Disconnected} event (e.g. {@code requested by agent-7})
 */
public record DisconnectCommand(Namespace namespace, ConnectionRef ref, String reason) {

    public DisconnectCommand {
        Objects.requireNonNull(namespace, "namespace is required but was missing");
        Objects.requireNonNull(ref, "connection is required but was missing");
        Checks.text(reason, "disconnect reason", 1000);
    }

    /** Disconnect {@code ref} because it was asked for. */
    public static DisconnectCommand requested(Namespace namespace, ConnectionRef ref) {
        return new DisconnectCommand(namespace, ref, "requested");
    }
}
