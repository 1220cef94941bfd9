package io.mcpconn.domain.event;

import java.util.Objects;
import java.util.Optional;
import java.time.Instant;

/**
 * A stored event with how its delivery stands, for people and reports ({@code mcpconn events}).
 *
 * @param event the event and its id
 * @param state where its delivery is
 * @param attempts failed delivery attempts so far
 * @param handedOut how often it was handed to a listener; above 1, a listener may have had it twice
 * @param lastError why the last attempt failed, if one did
 * @param nextAttemptAt when it is tried again, while pending after a failure
 * @param settledAt when it was delivered or parked
 */
public record OutboxEntry(StoredEvent event, DeliveryState state, int attempts, int handedOut,
                          Optional<String> lastError, Optional<Instant> nextAttemptAt, Optional<Instant> settledAt) {

    public OutboxEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(settledAt, "settledAt");
        if (attempts < 0 || handedOut < 0) {
            throw new IllegalArgumentException("attempts and hand-outs are counts, not " + attempts + " and " + handedOut);
        }
        if ((state == DeliveryState.PENDING) == settledAt.isPresent()) {
            throw new IllegalArgumentException("an event is settled exactly when it is delivered or parked, not " + state
                    + " with settled time " + settledAt);
        }
    }
}
