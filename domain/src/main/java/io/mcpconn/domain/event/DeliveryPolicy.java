package io.mcpconn.domain.event;

import io.mcpconn.domain.shared.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How often, and how far apart, delivering an event is tried before it is parked: the first retry
 * after {@code firstRetry}, each later one twice as long after the one before, never more than
 * {@code longestRetry}, and after {@code maxAttempts} failed attempts the event is parked.
 *
 * @param maxAttempts failed attempts after which the event is parked, at least 1
 * @param firstRetry wait after the first failure, positive
 * @param longestRetry the longest wait, at least {@code firstRetry}
 */
public record DeliveryPolicy(int maxAttempts, Duration firstRetry, Duration longestRetry) {

    /** Ten attempts over about four minutes: 1 s, 2 s, 4 s … up to 1 min apart. */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** The longest error text kept for a failed attempt. */
    public static final int MAX_ERROR_LENGTH = 500;

    public DeliveryPolicy {
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(longestRetry, "longestRetry");
        if (maxAttempts < 1) {
            throw new InvalidValueException("delivery attempts must be at least 1, not " + maxAttempts);
        }
        if (firstRetry.isNegative() || firstRetry.isZero()) {
            throw new InvalidValueException("the first delivery retry must wait a positive time, not " + firstRetry);
        }
        if (longestRetry.compareTo(firstRetry) < 0) {
            throw new InvalidValueException("the longest delivery retry (" + longestRetry
                    + ") must be at least the first (" + firstRetry + ")");
        }
    }

    /**
     * What follows the failure of attempt number {@code attempt} (1 for the first) to deliver
     * {@code event} at {@code now}, which failed with {@code error}.
     */
    public FailedDelivery afterFailure(EventId event, int attempt, String error, Instant now) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(now, "now");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1, not " + attempt);
        }
        var kept = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH - 1) + "…" : error;
        if (attempt >= maxAttempts) {
            return new FailedDelivery.Parked(event, attempt, kept, now);
        }
        return new FailedDelivery.RetryLater(event, attempt, kept, now.plus(waitAfter(attempt)));
    }

    /** How long to wait after the {@code attempt}th failure. */
    Duration waitAfter(int attempt) {
        var wait = firstRetry;
        for (int i = 1; i < attempt && wait.compareTo(longestRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestRetry) > 0 ? longestRetry : wait;
    }
}
