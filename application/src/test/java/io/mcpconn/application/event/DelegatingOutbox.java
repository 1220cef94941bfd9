package io.mcpconn.application.event;

import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.event.EventId;
import io.mcpconn.domain.event.EventOutbox;
import io.mcpconn.domain.event.FailedDelivery;
import io.mcpconn.domain.event.OutboxCounts;
import io.mcpconn.domain.event.OutboxEntry;
import io.mcpconn.domain.tenancy.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An outbox that forwards everything, for tests that break one call. */
class DelegatingOutbox implements EventOutbox {

    private final EventOutbox delegate;

    DelegatingOutbox(EventOutbox delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<OutboxEntry> claim(InstanceId instance, Instant now, Duration lease, int limit) {
        return delegate.claim(instance, now, lease, limit);
    }

    @Override
    public boolean delivered(EventId id, Instant at) {
        return delegate.delivered(id, at);
    }

    @Override
    public void failed(FailedDelivery failure) {
        delegate.failed(failure);
    }

    @Override
    public boolean retryParked(Namespace namespace, EventId id, Instant now) {
        return delegate.retryParked(namespace, id, now);
    }

    @Override
    public int purgeDelivered(Instant before) {
        return delegate.purgeDelivered(before);
    }

    @Override
    public List<OutboxEntry> entries(Namespace namespace, long afterSequence, Optional<Instant> since, int limit) {
        return delegate.entries(namespace, afterSequence, since, limit);
    }

    @Override
    public OutboxCounts counts() {
        return delegate.counts();
    }
}
