package io.mcpconn.application.query;

import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.connection.ConnectionView;
import io.mcpconn.application.session.SessionRegistry;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;

/**
 * Use case: read connections — one, by name or id, or a keyset-paged list — as values that say
 * where each live session is (here, in another instance, or stale).
 */
public final class ListConnections {

    private final ConnectionStore store;
    private final SessionRegistry registry;

    public ListConnections(ConnectionStore store, SessionRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * The connection {@code ref} names.
     *
     * @throws io.mcpconn.domain.connection.McpConnectionNotFoundException if there is none
     */
    public ConnectionView get(Namespace namespace, ConnectionRef ref) {
        return view(store.load(namespace, ref));
    }

    /** One page of connections, with the stored rows on it that could not be read. */
    public Page<ConnectionView> list(ListConnectionsQuery query) {
        var repository = store.repository();
        Page<McpConnection> page = query.owner()
                .map(owner -> repository.findByAgent(query.namespace(), owner, query.page()))
                .or(() -> query.status().map(status -> repository.findByStatus(query.namespace(), status, query.page())))
                .orElseGet(() -> repository.findAll(query.namespace(), query.page()));
        return new Page<>(page.items().stream().map(this::view).toList(), page.unreadable(), page.next());
    }

    private ConnectionView view(McpConnection connection) {
        return ConnectionView.of(connection, registry.lease(connection.namespace(), connection.id()),
                registry.isHere(connection.id()), registry.now());
    }
}
