package io.mcpconn.application.event;

import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.event.DeliveryPolicy;
import io.mcpconn.domain.event.EventOutbox;
import io.mcpconn.domain.event.FailedDelivery;
import io.mcpconn.domain.event.OutboxEntry;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the events the outbox holds to the runtime's {@link DomainEventPublisher}: right after
 * each commit (called by the use cases), and in the background every poll interval once
 * {@linkplain #start started}, which picks up what is left after a restart, after a failed delivery
 * (once its back-off has passed) and what another instance's dead claim left behind. Failed
 * deliveries follow the {@link DeliveryPolicy}; a parked event is reported in the log and stays in
 * the outbox. Delivered events are purged after the retention.
 *
 * <p>Several threads, and several instances, may deliver at once: the outbox hands each event to
 * one claimant at a time, and a connection's events in order. Its thread is a daemon. Thread-safe.
 */
public final class EventRelay implements AutoCloseable {


    /** How many events one claim takes. */
    static final int BATCH = 100;

    private final EventOutbox outbox;
    private final DomainEventPublisher listener;
    private final InstanceId instance;
    private final Clock clock;
    private final DeliveryPolicy policy;
    private final Duration claimLease;
    private final Duration retention;
    private final boolean delivering;
    private ScheduledExecutorService poller;

    /**
     * A relay from {@code outbox} to {@code listener} for {@code instance}: claims last
     * {@code claimLease} (longer than the listener ever takes), delivered events are kept for
     * {@code retention}.
     */
    public EventRelay(EventOutbox outbox, DomainEventPublisher listener, InstanceId instance, Clock clock,
                      DeliveryPolicy policy, Duration claimLease, Duration retention) {
        this(outbox, listener, instance, clock, policy, claimLease, retention, true);
    }

    private EventRelay(EventOutbox outbox, DomainEventPublisher listener, InstanceId instance, Clock clock,
                       DeliveryPolicy policy, Duration claimLease, Duration retention, boolean delivering) {
        this.delivering = delivering;
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.claimLease = positive(claimLease, "claim lease");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the retention of delivered events cannot be negative: " + retention);
        }
    }

    /**
     * A relay for an instance that has no listener (a command-line tool, a runtime that does not
     * subscribe): it delivers nothing, so that the events wait, stored, for an instance that listens,
     * rather than being marked delivered to nobody.
     */
    public static EventRelay notDelivering(EventOutbox outbox, InstanceId instance, Clock clock) {
        return new EventRelay(outbox, DomainEventPublisher.none(), instance, clock, DeliveryPolicy.DEFAULT,
                Duration.ofMinutes(1), Duration.ofDays(7), false);
    }

    /** Whether this relay hands events to a listener ({@link #notDelivering} does not). */
    public boolean isDelivering() {
        return delivering;
    }

    /** The outbox the relay delivers from. */
    public EventOutbox outbox() {
        return outbox;
    }

    /**
     * Delivers every event that is due now, in rounds, until none is left that this relay may take;
     * a failure of the listener is recorded against its event, never thrown.
     *
     * @throws RuntimeException only if the outbox itself fails (the database); nothing is lost, the
     *     events wait for the next call
     */
    public RelayReport deliverDue() {
        var report = RelayReport.NOTHING;
        if (!delivering) {
            return report;
        }
        while (true) {
            var claimed = outbox.claim(instance, clock.instant(), claimLease, BATCH);
            if (claimed.isEmpty()) {
                return report;
            }
            for (var entry : claimed) {
                report = report.plus(deliver(entry));
            }
        }
    }

    private RelayReport deliver(OutboxEntry entry) {
        var event = entry.event();
        String error;
        try {
            listener.publish(event);
            outbox.delivered(event.id(), clock.instant());
            return new RelayReport(1, 0, 0);
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        // The attempt count lives in the outbox, so that a restart or another instance continues it.
        int attempt = entry.attempts() + 1;
        var failure = policy.afterFailure(event.id(), attempt, error, clock.instant());
        outbox.failed(failure);
        if (failure instanceof FailedDelivery.Parked) {
            Log.LOG.log(Level.ERROR, "parked event {0} (#{1}, {2} of connection {3}) after {4} failed deliveries: {5};"
                    + " it stays in the outbox until it is retried", event.id(), event.sequence(),
                    event.event().getClass().getSimpleName(), event.event().connectionId(), attempt, failure.error());
            return new RelayReport(0, 0, 1);
        }
        Log.LOG.log(Level.WARNING, "delivering event {0} (#{1}) failed (attempt {2} of {3}): {4}", event.id(),
                event.sequence(), attempt, policy.maxAttempts(), failure.error());
        return new RelayReport(0, 1, 0);
    }

    /** Deletes delivered events older than the retention; returns how many. */
    public int purge() {
        return outbox.purgeDelivered(clock.instant().minus(retention));
    }

    /**
     * Starts delivering in the background: at once (what an earlier run left), then every
     * {@code pollInterval}; purges once an hour.
     *
     * @throws IllegalStateException if it was started already
     */
    public synchronized void start(Duration pollInterval) {
        positive(pollInterval, "poll interval");
        if (!delivering) {
            return;
        }
        if (poller != null) {
            throw new IllegalStateException("the event relay is running already");
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "mcpconn-event-relay");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::deliverSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::purgeSafely, 1, 60, TimeUnit.MINUTES);
    }

    /** Runs {@link #deliverDue()}, logging instead of throwing: for callers whose work is done already. */
    public RelayReport deliverSafely() {
        try {
            return deliverDue();
        } catch (RuntimeException e) {
            Log.LOG.log(Level.WARNING, "could not deliver events now; they stay in the outbox and are delivered later: {0}",
                    e.getMessage());
            return RelayReport.NOTHING;
        }
    }

    private void purgeSafely() {
        try {
            int purged = purge();
            if (purged > 0) {
                Log.LOG.log(Level.DEBUG, "purged {0} delivered events older than {1}", purged, retention);
            }
        } catch (RuntimeException e) {
            Log.LOG.log(Level.WARNING, "could not purge delivered events: {0}", e.getMessage());
        }
    }

    /** Stops the background delivery, waiting up to 5 s for a round under way. Events not delivered stay stored. */
    @Override
    public synchronized void close() {
        if (poller == null) {
            return;
        }
        poller.shutdown();
        try {
            if (!poller.awaitTermination(5, TimeUnit.SECONDS)) {
                poller.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            Thread.currentThread().interrupt();
        }
        poller = null;
    }

    private static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + duration);
        }
        return duration;
    }

    /**
     * Made on the first message: the JDK's logger sets up java.util.logging, which a command that
     * never has anything to report (every {@code mcpconn} read) need not pay for.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(EventRelay.class.getName());
    }
}
