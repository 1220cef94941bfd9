package io.mcpconn.application.session;

import io.mcpconn.application.mcp.McpSession;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.domain.connection.SessionLeaseRepository;
import io.mcpconn.domain.tenancy.Namespace;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live MCP sessions this instance holds, by connection, and the leases that tell every other
 * instance sharing the database so. A lease is taken before a session is opened and renewed in the
 * background while it lives; an instance that dies stops renewing, and once its leases expire its
 * connections are recovered by whoever looks at them next. A lease another instance took over
 * (this one was paused past its expiry) ends the local session without touching the stored row.
 *
 * <p>Its threads are daemons: they never keep a JVM alive. Thread-safe.
 */
public final class SessionRegistry implements AutoCloseable {


    private final InstanceId instance;
    private final SessionLeaseRepository leases;
    private final Clock clock;
    private final Duration leaseDuration;
    private final Map<ConnectionId, Held> sessions = new ConcurrentHashMap<>();
    private final Set<ConnectionId> opening = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewal;
    private final ExecutorService events;

    private record Held(Namespace namespace, McpSession session) {
    }

    /**
     * A registry for {@code instance}, keeping leases of {@code leaseDuration} in {@code leases} and
     * renewing them every third of that.
     */
    public SessionRegistry(InstanceId instance, SessionLeaseRepository leases, Clock clock, Duration leaseDuration) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a session lease must last at least 1 second, not " + leaseDuration);
        }
        this.renewal = Executors.newSingleThreadScheduledExecutor(daemon("mcpconn-lease-renewal"));
        this.events = Executors.newSingleThreadExecutor(daemon("mcpconn-session-events"));
        long period = Math.max(100, leaseDuration.toMillis() / 3);
        renewal.scheduleWithFixedDelay(this::renewSafely, period, period, TimeUnit.MILLISECONDS);
    }

    /** This instance's id, as its leases record it. */
    public InstanceId instance() {
        return instance;
    }

    /** The current time, as the registry's leases are stamped. */
    public Instant now() {
        return clock.instant();
    }

    /** The lease on {@code id}'s session, live or expired, if any. */
    public Optional<SessionLease> lease(Namespace namespace, ConnectionId id) {
        return leases.find(namespace, id);
    }

    /**
     * Takes the lease on {@code connection}'s session for this instance, before a session is opened.
     *
     * @return false if another instance holds a live lease, or this one is already opening it
     */
    public boolean claim(McpConnection connection) {
        if (!opening.add(connection.id())) {
            return false;
        }
        var lease = SessionLease.take(connection.id(), connection.namespace(), instance, now(), leaseDuration);
        if (leases.tryAcquire(lease)) {
            return true;
        }
        opening.remove(connection.id());
        return false;
    }

    /** Records the session opened under a {@link #claim}. */
    public void attach(McpConnection connection, McpSession session) {
        sessions.put(connection.id(), new Held(connection.namespace(), session));
        opening.remove(connection.id());
    }

    /** Gives up a {@link #claim} (or a held session's lease) without a session: the lease is released. */
    public void release(Namespace namespace, ConnectionId id) {
        opening.remove(id);
        sessions.remove(id);
        leases.release(namespace, id, instance);
    }

    /**
     * Removes the expired lease a dead instance left on {@code connection}, after its connection
     * was recovered: taken over, then released. A live lease is left alone.
     */
    public void clearExpiredLease(McpConnection connection) {
        if (claim(connection)) {
            release(connection.namespace(), connection.id());
        }
    }

    /** Removes the session held for {@code id} from the registry, keeping its lease until {@link #release}. */
    public Optional<McpSession> detach(ConnectionId id) {
        return Optional.ofNullable(sessions.remove(id)).map(Held::session);
    }

    /** The session this instance holds for {@code id}. */
    public Optional<McpSession> find(ConnectionId id) {
        return Optional.ofNullable(sessions.get(id)).map(Held::session);
    }

    /** Whether this instance holds {@code id}'s session, or is opening it right now. */
    public boolean isHere(ConnectionId id) {
        return sessions.containsKey(id) || opening.contains(id);
    }

    /** The connections whose sessions this instance holds, with their namespaces. */
    public Map<ConnectionId, Namespace> held() {
        var held = new java.util.LinkedHashMap<ConnectionId, Namespace>();
        sessions.forEach((id, entry) -> held.put(id, entry.namespace()));
        return held;
    }

    /**
     * Runs {@code work} on the registry's own thread, one piece at a time in order: what a session
     * reports arrives on the MCP adapter's threads, which must not wait for the database.
     */
    public void dispatch(Runnable work) {
        events.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                Log.LOG.log(Level.WARNING, "handling a session event failed: " + e.getMessage(), e);
            }
        });
    }

    /** Renews every lease this instance holds now; ends local sessions whose lease another instance took. */
    public void renew() {
        var renewed = new HashSet<>(leases.renewAll(instance, now().plus(leaseDuration)));
        for (var id : List.copyOf(sessions.keySet())) {
            if (!renewed.contains(id)) {
                var lost = sessions.remove(id);
                if (lost != null) {
                    Log.LOG.log(Level.WARNING, "the lease on the session of connection " + id
                            + " was taken over by another instance; closing the local session");
                    lost.session().close();
                }
            }
        }
    }

    /** Stops renewing and dispatching; the sessions themselves are the caller's to close first. */
    @Override
    public void close() {
        renewal.shutdownNow();
        events.shutdown();
        try {
            if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            events.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void renewSafely() {
        try {
            renew();
        } catch (RuntimeException e) {
            // A locked or unreachable database now is retried at the next tick, well before expiry.
            Log.LOG.log(Level.WARNING, "renewing session leases failed, retrying: " + e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Made on the first message: the JDK's logger sets up java.util.logging, which a command that
     * never has anything to report (every {@code mcpconn} read) need not pay for.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());
    }
}
