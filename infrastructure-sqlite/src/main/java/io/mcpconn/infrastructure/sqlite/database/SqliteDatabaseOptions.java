package io.mcpconn.infrastructure.sqlite.database;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SqliteDatabase} is opened.
 *
 * @param busyTimeout how long a statement waits for a lock held by another connection or process
 *     before it fails with {@link DatabaseLockedException}; the same bound applies to a write
 *     waiting for another write of this process
 * @param idleReadConnections how many read connections are kept open between reads; more are
 *     opened when more threads read at once, and closed again afterwards
 */
public record SqliteDatabaseOptions(Duration busyTimeout, int idleReadConnections) {

    /** The busy timeout used unless one is given: long enough to ride out another writer's commit. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    /** Read connections kept open unless told otherwise: one per core of a small server. */
    public static final int DEFAULT_IDLE_READ_CONNECTIONS = 4;

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException if the timeout is negative or does not fit SQLite's
     *     millisecond counter, or if the number of read connections is negative
     */
    public SqliteDatabaseOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms, was " + busyTimeout);
        }
        if (idleReadConnections < 0) {
            throw new IllegalArgumentException(
                    "idleReadConnections must not be negative, was " + idleReadConnections);
        }
    }

    /** Returns the defaults: a 5 second busy timeout and 4 idle read connections. */
    public static SqliteDatabaseOptions defaults() {
        return new SqliteDatabaseOptions(DEFAULT_BUSY_TIMEOUT, DEFAULT_IDLE_READ_CONNECTIONS);
    }

    /** Returns these options with another busy timeout. */
    public SqliteDatabaseOptions withBusyTimeout(Duration timeout) {
        return new SqliteDatabaseOptions(timeout, idleReadConnections);
    }

    /** Returns these options with another number of idle read connections. */
    public SqliteDatabaseOptions withIdleReadConnections(int connections) {
        return new SqliteDatabaseOptions(busyTimeout, connections);
    }

    int busyTimeoutMillis() {
        return Math.toIntExact(busyTimeout.toMillis());
    }
}
