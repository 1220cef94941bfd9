package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The record that one instance holds the live MCP session of one connection, until
 * {@code expiresAt} unless it renews the lease. A process that dies stops renewing; once its
 * lease has expired, any instance may recover the connection.
 *
 * @param connectionId whose session is held
 * @param namespace    the connection's namespace
 * @param holder       the instance holding the session
 * @param acquiredAt   when the holder took the lease
 * @param expiresAt    when the lease ends unless renewed; after {@code acquiredAt}
 */
public record SessionLease(ConnectionId connectionId, Namespace namespace, InstanceId holder,
                           Instant acquiredAt, Instant expiresAt) {

    public SessionLease {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        // Stored times keep microseconds; a lease must read back equal to the one written.
        acquiredAt = acquiredAt.truncatedTo(ChronoUnit.MICROS);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
        if (!expiresAt.isAfter(acquiredAt)) {
            throw new InvalidValueException("a session lease must expire after it was acquired ("
                    + acquiredAt + "), not at " + expiresAt);
        }
    }

    /** A lease {@code holder} takes at {@code now} for {@code duration}. */
    public static SessionLease take(ConnectionId connectionId, Namespace namespace, InstanceId holder,
                                    Instant now, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidValueException("a session lease must last more than 0 seconds, not " + duration);
        }
        return new SessionLease(connectionId, namespace, holder, now, now.plus(duration));
    }

    /** Whether the lease still holds at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whether {@code instance} holds it. */
    public boolean isHeldBy(InstanceId instance) {
        return holder.equals(instance);
    }

    /**
     * Whether {@code instance} may take this lease at {@code now}: it holds it already, or the
     * holder let it expire.
     */
    public boolean canBeTakenBy(InstanceId instance, Instant now) {
        return isHeldBy(instance) || !isLiveAt(now);
    }
}
