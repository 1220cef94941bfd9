package io.mcpconn.domain.connection;

import static io.mcpconn.domain.fixtures.DomainFixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionLeaseTest {

    private static final ConnectionId CONNECTION = ConnectionId.of("c-1");
    private static final InstanceId HOLDER = InstanceId.of("host-a-1234");
    private static final InstanceId OTHER = InstanceId.of("host-b-5678");
    private static final Instant NOW = Instant.parse("2025-11-12T13:30:00Z");

    private static SessionLease lease() {
        return SessionLease.take(CONNECTION, NAMESPACE, HOLDER, NOW, Duration.ofSeconds(30));
    }

    @Test
    void a_lease_is_taken_at_now_for_its_duration() {
        var lease = lease();
        assertThat(lease.acquiredAt()).isEqualTo(NOW);
        assertThat(lease.expiresAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(lease.holder()).isEqualTo(HOLDER);
    }

    @Test
    void times_are_kept_to_the_microsecond_so_a_stored_lease_reads_back_equal() {
        var lease = SessionLease.take(CONNECTION, NAMESPACE, HOLDER, Instant.parse("2025-11-12T13:30:00.123456789Z"),
                Duration.ofSeconds(30));
        assertThat(lease.acquiredAt()).isEqualTo(Instant.parse("2025-11-12T13:30:00.123456Z"));
        assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2025-11-12T13:30:30.123456Z"));
        assertThat(new SessionLease(CONNECTION, NAMESPACE, HOLDER, Instant.parse("2025-11-12T13:30:00.123456Z"),
                Instant.parse("2025-11-12T13:30:30.123456Z"))).isEqualTo(lease);
    }

    @Test
    void a_lease_must_expire_after_it_was_acquired_to_the_microsecond() {
        assertThatThrownBy(() -> new SessionLease(CONNECTION, NAMESPACE, HOLDER, NOW, NOW))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("a session lease must expire after it was acquired (" + NOW + "), not at " + NOW);
        assertThatThrownBy(() -> new SessionLease(CONNECTION, NAMESPACE, HOLDER, NOW.plusNanos(100), NOW.plusNanos(900)))
                .as("both times truncate to the same microsecond").isInstanceOf(InvalidValueException.class);
        assertThat(new SessionLease(CONNECTION, NAMESPACE, HOLDER, NOW, NOW.plusNanos(1000)).expiresAt())
                .isEqualTo(NOW.plusNanos(1000));
        assertThatThrownBy(() -> SessionLease.take(CONNECTION, NAMESPACE, HOLDER, NOW, Duration.ZERO))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("a session lease must last more than 0 seconds, not PT0S");
        assertThatThrownBy(() -> SessionLease.take(CONNECTION, NAMESPACE, HOLDER, NOW, Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void a_lease_is_live_until_it_expires() {
        var lease = lease();
        assertThat(lease.isLiveAt(NOW)).isTrue();
        assertThat(lease.isLiveAt(lease.expiresAt().minusNanos(1000))).isTrue();
        assertThat(lease.isLiveAt(lease.expiresAt())).isFalse();
    }

    @Test
    void only_the_holder_holds_it() {
        assertThat(lease().isHeldBy(HOLDER)).isTrue();
        assertThat(lease().isHeldBy(InstanceId.of("host-a-1234"))).isTrue();
        assertThat(lease().isHeldBy(OTHER)).isFalse();
    }

    @Test
    void the_holder_may_take_it_again_any_time_and_another_instance_only_once_it_expired() {
        var lease = lease();
        assertThat(lease.canBeTakenBy(HOLDER, NOW)).isTrue();
        assertThat(lease.canBeTakenBy(HOLDER, lease.expiresAt().plusSeconds(60))).isTrue();
        assertThat(lease.canBeTakenBy(OTHER, NOW)).isFalse();
        assertThat(lease.canBeTakenBy(OTHER, lease.expiresAt().minusNanos(1000))).isFalse();
        assertThat(lease.canBeTakenBy(OTHER, lease.expiresAt())).isTrue();
    }
}
