package io.mcpconn.application.tool;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.mcp.McpClient;
import io.mcpconn.application.session.SessionRegistry;
import io.mcpconn.domain.connection.ConnectionNotActiveException;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.domain.tool.ToolChanges;
import io.mcpconn.domain.tool.Tool;
import java.util.List;
import java.util.Objects;

/**
 * Use case: discover an active connection's tools again, when the server says they changed or a
 * caller asks. The tools are listed with no database write open, then the connection is loaded
 * again and the aggregate records what was added, removed or changed.
 */
public final class RefreshTools {

    private final ConnectionStore store;
    private final SessionRegistry registry;
    private final Sessions sessions;

    public RefreshTools(ConnectionStore store, McpClient client, SessionRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sessions = new Sessions(Objects.requireNonNull(client, "client"), registry);
    }

    /**
     * Re-discovers the tools.
     *
     * @return what changed, by tool name; empty if nothing did
     * @throws ConnectionNotActiveException if the connection is not ACTIVE
     * @throws io.mcpconn.application.mcp.McpClientException if the server could not be asked
     */
    public ToolChanges handle(RefreshToolsCommand command) {
        var connection = store.load(command.namespace(), command.ref());
        // Checked before any network I/O; the aggregate checks again when the result is applied.
        connection.requireActive();
        List<Tool> listed = sessions.with(connection, session -> session.listTools());
        var discovered = ToolCatalog.of(listed);
        var changes = new ToolChanges[] {ToolChanges.NONE};
        store.update(command.namespace(), ConnectionRef.of(connection.id()), fresh -> {
            changes[0] = fresh.replaceTools(discovered, registry.now());
            return !changes[0].isEmpty();
        });
        return changes[0];
    }
}
