package io.mcpconn.domain.connection;

import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.List;
import java.util.Optional;

/**
 * Where connections are kept. Every read and write is scoped by a {@link Namespace}: a
 * connection in another namespace is indistinguishable from a missing one. Lists come in pages
 * ({@link PageRequest}), newest first, never unbounded: at most the requested number of rows, and
 * fewer once they hold {@link PageRequest#MAX_PAGE_BYTES}. A stored row that cannot be read does not
 * fail a listing: it is reported in {@link Page#unreadable()}, counts towards the page, and the
 * cursor moves past it.
 *
 * <p>A save or delete stores the connection's {@linkplain McpConnection#pendingEvents() pending
 * events} in the adapter's {@link io.mcpconn.domain.event.EventOutbox}, in the same transaction:
 * they are stored exactly when the change is, and never when it throws.
 *
 * <p>Adapters pass the contract test suites in {@code mcpconn-testkit}.
 */
public interface McpConnectionRepository {

    /**
     * The connection with {@code id} in {@code namespace}.
     *
     * @throws UnreadableConnectionException if it is stored but cannot be read back
     */
    Optional<McpConnection> findById(Namespace namespace, ConnectionId id);

    /**
     * The connection named {@code serverName} in {@code namespace}; names are unique there.
     *
     * @throws UnreadableConnectionException if it is stored but cannot be read back
     */
    Optional<McpConnection> findByServerName(Namespace namespace, ServerName serverName);

    /** The connections {@code owner} has in {@code namespace}, newest first. */
    Page<McpConnection> findByAgent(Namespace namespace, AgentId owner, PageRequest page);

    /** The connections in {@code namespace} that are in {@code status}, newest first. */
    Page<McpConnection> findByStatus(Namespace namespace, ConnectionStatus status, PageRequest page);

    /** All connections in {@code namespace}, newest first. */
    Page<McpConnection> findAll(Namespace namespace, PageRequest page);

    /**
     * Inserts or updates {@code connection} and {@linkplain McpConnection#markSaved marks it saved}
     * as the next version. Nothing is written when it throws. A change to the stored row by any
     * writer since the connection was loaded, even one that does not know about versions, makes
     * the save fail. An id taken in another namespace is answered as for a missing one. The owner is
     * fixed at registration: a save never changes it.
     *
     * @throws ConcurrentUpdateException if the stored connection is newer than the one given, or the
     *     id of a new connection is taken
     * @throws NotConnectionOwnerException if the stored connection has another owner
     * @throws DuplicateServerNameException if another connection in the namespace has its server name
     */
    void save(McpConnection connection);

    /**
     * Saves every one of {@code connections} as {@link #save} would, in one transaction: all are
     * written, or, when it throws, none is and none is marked saved. For runtimes that import or
     * register many servers at once, which would otherwise pay one commit per connection. The
     * checks run in list order, so the failure reported is that of the first connection that
     * cannot be saved.
     *
     * @throws IllegalArgumentException if the list holds the same connection id twice
     * @throws ConcurrentUpdateException as {@link #save} does, for the first stale or taken one
     * @throws NotConnectionOwnerException as {@link #save} does
     * @throws DuplicateServerNameException if one's server name is taken, in the namespace or earlier in the list
     */
    void saveAll(List<McpConnection> connections);

    /**
     * Deletes a connection that was {@linkplain McpConnection#remove removed}, if the stored one is
     * the version it was loaded as. Nothing is deleted when it throws.
     *
     * @throws ConcurrentUpdateException if the stored connection is newer than the one given
     * @throws McpConnectionNotFoundException if there is none in its namespace
     * @throws IllegalArgumentException if {@code connection} was not removed first
     */
    void delete(McpConnection connection);
}
