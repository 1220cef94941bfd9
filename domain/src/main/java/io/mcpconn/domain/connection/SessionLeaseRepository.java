package io.mcpconn.domain.connection;

import io.mcpconn.domain.tenancy.Namespace;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where session leases are kept, so that every instance sharing a database sees which instance
 * holds which live session. Writes are atomic: two instances racing for one lease never both get
 * it. Adapters pass the contract suite in {@code mcpconn-testkit}.
 */
public interface SessionLeaseRepository {

    /** The lease on the session of {@code id} in {@code namespace}, live or expired. */
    Optional<SessionLease> find(Namespace namespace, ConnectionId id);

    /**
     * Stores {@code lease} if no lease on its connection exists, or the existing one
     * {@linkplain SessionLease#canBeTakenBy can be taken} by the new holder at its
     * {@code acquiredAt}.
     *
     * @return whether the lease was stored; if not, another instance holds a live lease
     */
    boolean tryAcquire(SessionLease lease);

    /**
     * Moves the expiry of every lease {@code holder} still holds to {@code expiresAt}.
     *
     * @return the connections whose leases were renewed; a lease taken over by another instance
     *         meanwhile is not among them
     */
    List<ConnectionId> renewAll(InstanceId holder, Instant expiresAt);

    /** Removes the lease on {@code id} if {@code holder} holds it; does nothing otherwise. */
    void release(Namespace namespace, ConnectionId id, InstanceId holder);
}
