package io.mcpconn.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final EventId EVENT = EventId.random();
    private final DeliveryPolicy policy = new DeliveryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void waits_double_after_each_failure_up_to_the_longest_wait() {
        assertThat(policy.waitAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.waitAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.waitAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.waitAfter(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.waitAfter(40)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a_failure_before_the_last_attempt_is_retried_later_keeping_the_error() {
        var next = policy.afterFailure(EVENT, 3, "listener down", NOW);

        assertThat(next).isEqualTo(new FailedDelivery.RetryLater(EVENT, 3, "listener down", NOW.plusSeconds(4)));
    }

    @Test
    void the_last_allowed_attempt_parks_the_event() {
        assertThat(policy.afterFailure(EVENT, 4, "e", NOW)).isInstanceOf(FailedDelivery.RetryLater.class);
        assertThat(policy.afterFailure(EVENT, 5, "listener down", NOW))
                .isEqualTo(new FailedDelivery.Parked(EVENT, 5, "listener down", NOW));
        assertThat(policy.afterFailure(EVENT, 6, "e", NOW)).isInstanceOf(FailedDelivery.Parked.class);
    }

    @Test
    void one_attempt_parks_at_the_first_failure() {
        var once = new DeliveryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(once.afterFailure(EVENT, 1, "e", NOW)).isInstanceOf(FailedDelivery.Parked.class);
    }

    @Test
    void a_long_error_is_cut_to_the_kept_length() {
        var failure = policy.afterFailure(EVENT, 1, "x".repeat(DeliveryPolicy.MAX_ERROR_LENGTH + 1), NOW);
        var exact = policy.afterFailure(EVENT, 1, "y".repeat(DeliveryPolicy.MAX_ERROR_LENGTH), NOW);

        assertThat(failure.error()).hasSize(DeliveryPolicy.MAX_ERROR_LENGTH).endsWith("x…");
        assertThat(exact.error()).isEqualTo("y".repeat(DeliveryPolicy.MAX_ERROR_LENGTH));
    }

    @Test
    void attempts_are_counted_from_one() {
        assertThatThrownBy(() -> policy.afterFailure(EVENT, 0, "e", NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 1, not 0");
    }

    @Test
    void refuses_settings_that_would_never_deliver_or_never_wait() {
        assertThatThrownBy(() -> new DeliveryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at least 1, not 0");
        assertThatThrownBy(() -> new DeliveryPolicy(1, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("positive time");
        assertThatThrownBy(() -> new DeliveryPolicy(1, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("positive time");
        assertThatThrownBy(() -> new DeliveryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at least the first");
        assertThat(new DeliveryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(2)).waitAfter(3))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void the_default_parks_after_ten_attempts_a_minute_apart_at_most() {
        assertThat(DeliveryPolicy.DEFAULT.maxAttempts()).isEqualTo(10);
        assertThat(DeliveryPolicy.DEFAULT.waitAfter(9)).isEqualTo(Duration.ofMinutes(1));
    }
}
