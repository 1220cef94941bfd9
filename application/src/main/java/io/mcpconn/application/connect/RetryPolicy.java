package io.mcpconn.application.connect;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait between connect attempts: doubling from {@code initial}, capped at {@code max},
 * so that a server that is starting up gets time and one that is down is not hammered. How many
 * attempts there are is the connection's own {@code retry_attempts}.
 *
 * @param initial the wait before the first retry
 * @param max     the longest wait
 * @param sleeper how to wait (tests pass one that only records)
 */
public record RetryPolicy(Duration initial, Duration max, Sleeper sleeper) {

    /** Waits a while; interrupted waits end the connect. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code duration}. */
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Half a second, doubling to 8 seconds, really waiting. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8),
            duration -> Thread.sleep(duration.toMillis()));

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(sleeper, "sleeper");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off must be 0 or more and at most its cap, not " + initial + " / " + max);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        var delay = initial;
        for (int i = 1; i < retry && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
