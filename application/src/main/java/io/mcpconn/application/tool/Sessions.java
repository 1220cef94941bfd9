package io.mcpconn.application.tool;

import io.mcpconn.application.mcp.McpClient;
import io.mcpconn.application.mcp.McpSession;
import io.mcpconn.application.mcp.SessionListener;
import io.mcpconn.application.session.SessionRegistry;
import io.mcpconn.domain.connection.McpConnection;
import java.util.function.Function;

/**
 * Runs work on an active connection's session: the one this instance holds, or else (another
 * instance holds it, or a command-line process that keeps none) a session opened for this work
 * alone and closed after it.
 */
final class Sessions {

    private final McpClient client;
    private final SessionRegistry registry;

    Sessions(McpClient client, SessionRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    <T> T with(McpConnection connection, Function<McpSession, T> work) {
        var held = registry.find(connection.id());
        if (held.isPresent()) {
            return work.apply(held.get());
        }
        var session = client.open(connection.config(), SessionListener.ignoring());
        try {
            return work.apply(session);
        } finally {
            session.close();
        }
    }
}
