package io.mcpconn.domain.event;

import java.time.Instant;
import java.util.Objects;

/**
 * What a failed delivery attempt leads to, as {@link DeliveryPolicy} decides it: another attempt
 * later, or parking the event. Either way the event is kept.
 */
public sealed interface FailedDelivery {

    /** The event whose delivery failed. */
    EventId eventId();

    /** How many attempts have failed, this one included. */
    int attempts();

    /** Why the last attempt failed, as the listener said it (bounded in length). */
    String error();

    /** Another attempt, no earlier than {@code retryAt}. */
    record RetryLater(EventId eventId, int attempts, String error, Instant retryAt) implements FailedDelivery {
        public RetryLater {
            requireCommon(eventId, attempts, error);
            Objects.requireNonNull(retryAt, "retryAt");
        }
    }

    /** No more attempts: the event is parked at {@code parkedAt} and reported. */
    record Parked(EventId eventId, int attempts, String error, Instant parkedAt) implements FailedDelivery {
        public Parked {
            requireCommon(eventId, attempts, error);
            Objects.requireNonNull(parkedAt, "parkedAt");
        }
    }

    private static void requireCommon(EventId eventId, int attempts, String error) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(error, "error");
        if (attempts < 1) {
            throw new IllegalArgumentException("a failed delivery is at least the first attempt, not " + attempts);
        }
    }
}
