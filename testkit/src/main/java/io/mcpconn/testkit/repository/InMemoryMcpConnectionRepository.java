package io.mcpconn.testkit.repository;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.NotConnectionOwnerException;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageCursor;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.events.InMemoryEventOutbox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link McpConnectionRepository} in memory, for fast domain-level tests of code that embeds
 * mcpconn. It keeps snapshots, not the aggregates handed to it, so it behaves like a database:
 * changes after {@code save} are not seen until saved again, stale copies are refused, and the
 * events of each save go to its {@link #outbox()} with it. It passes the same contract suites as the
 * SQL adapters. Thread-safe.
 */
public final class InMemoryMcpConnectionRepository implements McpConnectionRepository {

    private static final Comparator<McpConnectionSnapshot> NEWEST_FIRST = Comparator
            .comparing(McpConnectionSnapshot::createdAt).reversed()
            .thenComparing(s -> s.id().value(), Comparator.reverseOrder());

    private final Map<ConnectionId, McpConnectionSnapshot> rows = new HashMap<>();
    // The unique (namespace, server name) index, so that saves and lookups by name stay O(1).
    private final Map<ServerKey, ConnectionId> byServerName = new HashMap<>();
    private final InMemoryEventOutbox outbox;

    /** A repository with an outbox of its own. */
    public InMemoryMcpConnectionRepository() {
        this(new InMemoryEventOutbox());
    }

    /** A repository that stores the events of its saves in {@code outbox}. */
    public InMemoryMcpConnectionRepository(InMemoryEventOutbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** Where the events of this repository's saves are stored. */
    public InMemoryEventOutbox outbox() {
        return outbox;
    }

    @Override
    public synchronized Optional<McpConnection> findById(Namespace namespace, ConnectionId id) {
        return Optional.ofNullable(rows.get(id)).filter(row -> row.namespace().equals(namespace)).map(McpConnection::restore);
    }

    @Override
    public synchronized Optional<McpConnection> findByServerName(Namespace namespace, ServerName serverName) {
        return Optional.ofNullable(byServerName.get(new ServerKey(namespace, serverName))).map(rows::get)
                .map(McpConnection::restore);
    }

    @Override
    public Page<McpConnection> findByAgent(Namespace namespace, AgentId owner, PageRequest page) {
        return page(namespace, row -> row.agentId().equals(owner), page);
    }

    @Override
    public Page<McpConnection> findByStatus(Namespace namespace, ConnectionStatus status, PageRequest page) {
        return page(namespace, row -> row.status() == status, page);
    }

    @Override
    public Page<McpConnection> findAll(Namespace namespace, PageRequest page) {
        return page(namespace, row -> true, page);
    }

    @Override
    public synchronized void save(McpConnection connection) {
        long next = write(connection.snapshot());
        outbox.store(connection.pendingEvents());
        connection.markSaved(next);
    }

    @Override
    public synchronized void saveAll(List<McpConnection> connections) {
        var states = connections.stream().map(McpConnection::snapshot).toList();
        var ids = new HashSet<ConnectionId>();
        for (var state : states) {
            if (!ids.add(state.id())) {
                throw new IllegalArgumentException("connection " + state.id() + " is in the list twice; save it once");
            }
        }
        // All or nothing, as one transaction: the maps are put back as they were if one fails.
        var rowsBefore = new HashMap<>(rows);
        var namesBefore = new HashMap<>(byServerName);
        var versions = new long[states.size()];
        try {
            for (int i = 0; i < states.size(); i++) {
                versions[i] = write(states.get(i));
            }
        } catch (RuntimeException e) {
            rows.clear();
            rows.putAll(rowsBefore);
            byServerName.clear();
            byServerName.putAll(namesBefore);
            throw e;
        }
        for (var connection : connections) {
            outbox.store(connection.pendingEvents());
        }
        for (int i = 0; i < states.size(); i++) {
            connections.get(i).markSaved(versions[i]);
        }
    }

    /** Checks and stores one snapshot as the next version, which it returns. */
    private long write(McpConnectionSnapshot state) {
        var stored = rows.get(state.id());
        if (stored != null && !stored.namespace().equals(state.namespace())) {
            // Another namespace's row with this id must not be overwritten, nor revealed: the answer
            // is the one a missing id gets, except that a new connection cannot take the id.
            throw state.version() == 0 ? ConcurrentUpdateException.idTaken(state.id())
                    : new ConcurrentUpdateException(state.id(), state.version(), 0);
        }
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != state.version()) {
            throw new ConcurrentUpdateException(state.id(), state.version(), storedVersion);
        }
        if (stored != null && !stored.agentId().equals(state.agentId())) {
            throw NotConnectionOwnerException.ownerIsFixed(state.namespace(), state.id(), stored.agentId(), state.agentId());
        }
        var key = new ServerKey(state.namespace(), state.serverName());
        var holder = byServerName.get(key);
        if (holder != null && !holder.equals(state.id())) {
            throw new DuplicateServerNameException(state.namespace(), state.serverName(), holder);
        }
        long next = state.version() + 1;
        if (stored != null) {
            byServerName.remove(new ServerKey(stored.namespace(), stored.serverName()));
        }
        byServerName.put(key, state.id());
        rows.put(state.id(), state.withVersion(next));
        return next;
    }

    @Override
    public synchronized void delete(McpConnection connection) {
        if (!connection.isRemoved()) {
            throw new IllegalArgumentException("connection " + connection.id() + " must be removed before it is deleted");
        }
        var stored = rows.get(connection.id());
        if (stored == null || !stored.namespace().equals(connection.namespace())) {
            throw new McpConnectionNotFoundException(connection.namespace(), connection.id());
        }
        if (stored.version() != connection.version()) {
            throw new ConcurrentUpdateException(connection.id(), connection.version(), stored.version());
        }
        rows.remove(connection.id());
        byServerName.remove(new ServerKey(stored.namespace(), stored.serverName()));
        outbox.store(connection.pendingEvents());
        connection.markDeleted();
    }

    private synchronized Page<McpConnection> page(Namespace namespace, Predicate<McpConnectionSnapshot> filter,
                                                  PageRequest request) {
        var matching = rows.values().stream()
                .filter(row -> row.namespace().equals(namespace))
                .filter(filter)
                .sorted(NEWEST_FIRST)
                .map(McpConnection::restore)
                .filter(connection -> request.after().map(cursor -> cursor.precedes(connection)).orElse(true))
                .limit(request.size() + 1L)
                .toList();
        var items = new ArrayList<McpConnection>();
        long bytes = 0;
        for (var connection : matching) {
            if (items.size() == request.size() || (!items.isEmpty() && bytes >= PageRequest.MAX_PAGE_BYTES)) {
                return new Page<>(items, Optional.of(PageCursor.after(items.get(items.size() - 1))));
            }
            items.add(connection);
            bytes += connection.tools().encodedBytes();
        }
        return new Page<>(items, Optional.empty());
    }

    private record ServerKey(Namespace namespace, ServerName serverName) {
    }
}
