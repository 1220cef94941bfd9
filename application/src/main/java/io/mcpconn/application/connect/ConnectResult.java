package io.mcpconn.application.connect;

import io.mcpconn.application.connection.ConnectionView;
import io.mcpconn.application.mcp.ServerInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection that is ACTIVE, with its session held by this instance.
 *
 * @param connection       the connection as saved
 * @param server           who the server said it is; empty if it was already connected
 * @param attempts         how many attempts it took; 0 if it was already connected
 * @param recoveredSession whether a session left by a dead process had to be recovered first
 */
public record ConnectResult(ConnectionView connection, Optional<ServerInfo> server, int attempts,
                            boolean recoveredSession) {

    public ConnectResult {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(server, "server");
    }

    /** Whether it was active with a session here already, so nothing was done. */
    public boolean alreadyConnected() {
        return attempts == 0;
    }
}
