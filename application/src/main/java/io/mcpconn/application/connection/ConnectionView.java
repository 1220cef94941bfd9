package io.mcpconn.application.connection;

import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.SessionLease;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a query answers about one connection: its stored state and who holds its session. A value,
 * so callers cannot change the connection behind the use cases' back.
 *
 * @param connection every stored field
 * @param session    where its live session is, if it claims one
 */
public record ConnectionView(McpConnectionSnapshot connection, SessionState session) {

    /** Where a connection's live session is. */
    public enum Where {
        /** The connection claims no session (DISCONNECTED or ERROR). */
        NONE,
        /** This instance holds it. */
        HERE,
        /** Another running instance holds it, under a live lease. */
        ELSEWHERE,
        /** It claims a session that no running instance holds: left by a process that died. */
        STALE
    }

    /**
     * @param where  where the session is
     * @param lease  the lease on it, if there is one (live or expired)
     */
    public record SessionState(Where where, Optional<SessionLease> lease) {
        public SessionState {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(lease, "lease");
        }
    }

    public ConnectionView {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(session, "session");
    }

    /** The view of {@code connection} at {@code now}, given its lease and whether this instance holds its session. */
    public static ConnectionView of(McpConnection connection, Optional<SessionLease> lease, boolean heldHere, Instant now) {
        Where where;
        if (!connection.status().hasSession()) {
            where = Where.NONE;
        } else if (heldHere) {
            where = Where.HERE;
        } else if (connection.isStale(lease, now)) {
            where = Where.STALE;
        } else {
            where = Where.ELSEWHERE;
        }
        return new ConnectionView(connection.snapshot(), new SessionState(where, lease));
    }
}
