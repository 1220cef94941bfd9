package io.mcpconn.testkit.repository;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.domain.connection.SessionLeaseRepository;
import io.mcpconn.domain.tenancy.Namespace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SessionLeaseRepository} in memory: one process's view of who holds which session, for
 * tests and for runtimes that keep nothing on disk. Passes the same contract suite as the SQLite
 * adapter. Thread-safe.
 */
public final class InMemorySessionLeaseRepository implements SessionLeaseRepository {

    private final Map<ConnectionId, SessionLease> leases = new HashMap<>();

    @Override
    public synchronized Optional<SessionLease> find(Namespace namespace, ConnectionId id) {
        return Optional.ofNullable(leases.get(id)).filter(lease -> lease.namespace().equals(namespace));
    }

    @Override
    public synchronized boolean tryAcquire(SessionLease lease) {
        var existing = leases.get(lease.connectionId());
        if (existing != null && (!existing.namespace().equals(lease.namespace())
                || !existing.canBeTakenBy(lease.holder(), lease.acquiredAt()))) {
            return false;
        }
        leases.put(lease.connectionId(), lease);
        return true;
    }

    @Override
    public synchronized List<ConnectionId> renewAll(InstanceId holder, Instant expiresAt) {
        var renewed = new ArrayList<ConnectionId>();
        leases.replaceAll((id, lease) -> {
            if (!lease.isHeldBy(holder) || !expiresAt.isAfter(lease.acquiredAt())) {
                return lease;
            }
            renewed.add(id);
            return new SessionLease(id, lease.namespace(), holder, lease.acquiredAt(), expiresAt);
        });
        return renewed;
    }

    @Override
    public synchronized void release(Namespace namespace, ConnectionId id, InstanceId holder) {
        leases.computeIfPresent(id, (key, lease) ->
                lease.namespace().equals(namespace) && lease.isHeldBy(holder) ? null : lease);
    }
}
