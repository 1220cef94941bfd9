package io.mcpconn.domain.event;

/**
 * How many stored events are in each {@link DeliveryState}.
 *
 * @param pending not delivered yet
 * @param delivered delivered, not yet purged
 * @param parked given up on after every attempt failed
 * @param handedOutAgain events handed to a listener more than once (possible duplicates)
 */
public record OutboxCounts(long pending, long delivered, long parked, long handedOutAgain) {

    public OutboxCounts {
        if (pending < 0 || delivered < 0 || parked < 0 || handedOutAgain < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }
}
