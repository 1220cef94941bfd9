package io.mcpconn.application.transfer;

import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.connection.UnreadableConnection;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: every server configuration of a namespace (or of one agent in it), for writing out in
 * an MCP client's file format. Which secrets go into the file is the writer's decision, made on
 * the caller's explicit request.
 */
public final class ExportConnections {

    private final ConnectionStore store;

    public ExportConnections(ConnectionStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * One exported server.
     *
     * @param name   its name
     * @param config its configuration, secrets included
     */
    public record ExportedServer(ServerName name, ConnectionConfig config) {
        public ExportedServer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * What an export found.
     *
     * @param servers    the servers, by name
     * @param unreadable stored connections that could not be read and so are not among them
     */
    public record Export(List<ExportedServer> servers, List<UnreadableConnection> unreadable) {
        public Export {
            servers = List.copyOf(servers);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * The servers of {@code namespace} (of {@code owner} only, if given), by name, and the stored
     * connections left out because they cannot be read: an export never drops one silently.
     */
    public Export handle(Namespace namespace, Optional<AgentId> owner) {
        var servers = new ArrayList<ExportedServer>();
        var unreadable = new ArrayList<UnreadableConnection>();
        var request = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            Page<McpConnection> page = owner.isPresent()
                    ? store.repository().findByAgent(namespace, owner.get(), request)
                    : store.repository().findAll(namespace, request);
            page.items().forEach(c -> servers.add(new ExportedServer(c.serverName(), c.config())));
            unreadable.addAll(page.unreadable());
            if (page.next().isEmpty()) {
                break;
            }
            request = PageRequest.after(page.next().get(), PageRequest.MAX_SIZE);
        }
        servers.sort(Comparator.comparing(server -> server.name().value()));
        return new Export(servers, unreadable);
    }
}
