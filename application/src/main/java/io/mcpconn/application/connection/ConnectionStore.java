package io.mcpconn.application.connection;

import io.mcpconn.application.event.EventRelay;
import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How use cases load and store connections: loads what a command refers to, saves (the repository
 * stores the connection's events with it), and once the save is committed has the
 * {@link EventRelay} deliver them. A delivery that cannot happen now never fails the use case: the
 * events stay stored and the relay delivers them later.
 */
public final class ConnectionStore {

    /** How often a short change is reapplied to a freshly loaded copy after a concurrent update. */
    static final int ATTEMPTS = 3;

    private final McpConnectionRepository connections;
    private final EventRelay events;

    /** Connections kept in {@code connections}, their stored events delivered by {@code events}. */
    public ConnectionStore(McpConnectionRepository connections, EventRelay events) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * The connection {@code ref} names in {@code namespace}, freshly loaded.
     *
     * @throws McpConnectionNotFoundException if there is none there (one in another namespace counts as none)
     */
    public McpConnection load(Namespace namespace, ConnectionRef ref) {
        if (ref.id().isPresent()) {
            var id = ref.id().get();
            return connections.findById(namespace, id)
                    .orElseThrow(() -> new McpConnectionNotFoundException(namespace, id));
        }
        var name = ref.name().orElseThrow();
        return connections.findByServerName(namespace, name)
                .orElseThrow(() -> new McpConnectionNotFoundException(namespace, name));
    }

    /** Saves {@code connection} with the events it recorded, then delivers them. */
    public void save(McpConnection connection) {
        connections.save(connection);
        events.deliverSafely();
    }

    /** Saves every one of {@code batch} in one transaction, with their events, then delivers them. */
    public void saveAll(List<McpConnection> batch) {
        connections.saveAll(batch);
        events.deliverSafely();
    }

    /** Deletes a removed {@code connection} with its removal event, then delivers it. */
    public void delete(McpConnection connection) {
        connections.delete(connection);
        events.deliverSafely();
    }

    /**
     * Loads the connection, applies {@code change} and saves it if the change says it changed
     * something; if another writer saved it in between, does it again on a fresh copy, a few times.
     * For changes that are decided by the connection's state alone, so that reapplying them is right.
     *
     * @return the connection as loaded and changed (and saved, if it changed)
     */
    public McpConnection update(Namespace namespace, ConnectionRef ref, Predicate<McpConnection> change) {
        for (int attempt = 1; ; attempt++) {
            var connection = load(namespace, ref);
            if (!change.test(connection)) {
                return connection;
            }
            try {
                save(connection);
                return connection;
            } catch (ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The repository, for queries. */
    public McpConnectionRepository repository() {
        return connections;
    }
}
