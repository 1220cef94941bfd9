package io.mcpconn.domain.event;

import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.tenancy.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the events of stored changes wait until a listener has them (a transactional outbox). A
 * {@link io.mcpconn.domain.connection.McpConnectionRepository} stores a connection's events in the
 * same transaction as the connection, so an event exists exactly when its change was committed;
 * a relay then {@linkplain #claim claims} them, hands them to the listeners and marks each
 * {@linkplain #delivered delivered} or {@linkplain #failed failed}.
 *
 * <p>Events of one connection are handed out in the order they were stored, one at a time: an
 * event is claimable only when every earlier event of its connection is delivered or parked, it is
 * due, and no live claim holds it. A claim lasts {@code lease}; one that expires (its instance died
 * or hung) can be taken by any instance, which is how a listener may get an event twice, and why
 * {@link OutboxEntry#handedOut()} counts hand-outs. Several instances sharing one database each get
 * different events.
 *
 * <p>Adapters pass the contract test suite in {@code mcpconn-testkit}.
 */
public interface EventOutbox {

    /** The most events {@link #claim} hands out at once. */
    int MAX_CLAIM = 500;

    /**
     * Claims up to {@code limit} (at most {@link #MAX_CLAIM}) events that are due at {@code now},
     * for {@code instance}, until {@code now + lease}; oldest first, at most one per connection. Each
     * is returned as it stands after the claim: pending, its hand-outs counted with this one.
     */
    List<OutboxEntry> claim(InstanceId instance, Instant now, Duration lease, int limit);

    /**
     * Records that a listener took the event. A delivery is recorded even when the claim has
     * expired meanwhile: the listener had it.
     *
     * @return whether the event was pending (false if it was delivered already, or purged)
     */
    boolean delivered(EventId id, Instant at);

    /** Records a failed attempt: the event becomes due again at the retry time, or is parked. */
    void failed(FailedDelivery failure);

    /**
     * Makes a parked event pending again, due at {@code now}, its attempts counted afresh.
     *
     * @return whether there was such a parked event in {@code namespace}
     */
    boolean retryParked(Namespace namespace, EventId id, Instant now);

    /** Deletes delivered events settled before {@code before}; parked and pending ones are kept. Returns how many. */
    int purgeDelivered(Instant before);

    /**
     * The events of {@code namespace} stored after sequence {@code afterSequence} that occurred at
     * or after {@code since} (if given), oldest first, at most {@code limit}.
     */
    List<OutboxEntry> entries(Namespace namespace, long afterSequence, Optional<Instant> since, int limit);

    /** How many events are in each state, over every namespace. */
    OutboxCounts counts();
}
