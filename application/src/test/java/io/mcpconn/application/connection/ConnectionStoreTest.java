package io.mcpconn.application.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionStoreTest {

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
    private final InMemoryMcpConnectionRepository repository = new InMemoryMcpConnectionRepository();
    private final List<McpConnectionEvent> published = new ArrayList<>();
    private final ConnectionStore store = new ConnectionStore(repository, io.mcpconn.application.fixtures.Relays.into(repository, published, clock));

    private McpConnection saved() {
        var connection = McpConnections.disconnected("tmws_mcp", clock);
        repository.save(connection);
        return connection;
    }

    @Test
    void a_change_another_writer_raced_is_applied_again_to_a_fresh_copy() {
        var connection = saved();
        var attempts = new AtomicInteger();

        var updated = store.update(connection.namespace(), ConnectionRef.of(connection.id()), fresh -> {
            if (attempts.incrementAndGet() == 1) {
                // Someone else saves between our load and our save.
                var other = repository.findById(fresh.namespace(), fresh.id()).orElseThrow();
                other.reconfigure(McpConnections.stdioConfig(), clock.instant());
                repository.save(other);
            }
            fresh.startConnecting(clock.instant());
            return true;
        });

        assertThat(attempts).hasValue(2);
        assertThat(updated.version()).isEqualTo(3);
        assertThat(repository.findById(connection.namespace(), connection.id()).orElseThrow().config())
                .as("the other writer's change is kept").isEqualTo(McpConnections.stdioConfig());
        assertThat(published).as("the other writer's change was committed too, so its event is delivered")
                .extracting(e -> e.getClass().getSimpleName()).containsExactly("ConfigurationChanged", "ConnectingStarted");
    }

    @Test
    void a_change_raced_every_time_gives_up_after_a_few_attempts() {
        var connection = saved();
        var attempts = new AtomicInteger();

        assertThatThrownBy(() -> store.update(connection.namespace(), ConnectionRef.of(connection.id()), fresh -> {
            attempts.incrementAndGet();
            var other = repository.findById(fresh.namespace(), fresh.id()).orElseThrow();
            other.reconfigure(other.config().withRetryAttempts(attempts.get()), clock.instant());
            repository.save(other);
            fresh.startConnecting(clock.instant());
            return true;
        })).isInstanceOf(ConcurrentUpdateException.class);

        assertThat(attempts).hasValue(ConnectionStore.ATTEMPTS);
        assertThat(published).isEmpty();
    }

    @Test
    void a_change_that_changes_nothing_is_not_saved() {
        var connection = saved();
        var result = store.update(connection.namespace(), ConnectionRef.of(connection.id()), fresh -> false);
        assertThat(result.version()).isEqualTo(1);
        assertThat(repository.findById(connection.namespace(), connection.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void loading_by_id_or_name_names_what_is_missing() {
        var connection = saved();
        assertThat(store.load(connection.namespace(), ConnectionRef.named("tmws_mcp"))).isEqualTo(connection);
        assertThatThrownBy(() -> store.load(Namespace.of("elsewhere"), ConnectionRef.of(connection.id())))
                .isInstanceOf(McpConnectionNotFoundException.class).hasMessageContaining(connection.id().value());
        assertThatThrownBy(() -> store.load(connection.namespace(), ConnectionRef.named("nope")))
                .isInstanceOf(McpConnectionNotFoundException.class).hasMessageContaining("no connection named nope");
    }

    @Test
    void a_reference_is_an_id_or_a_name_and_prints_as_such() {
        var connection = saved();
        assertThat(ConnectionRef.named("tmws_mcp")).hasToString("tmws_mcp");
        assertThat(ConnectionRef.of(connection.id())).hasToString(connection.id().value());
        assertThatThrownBy(() -> new ConnectionRef(java.util.Optional.empty(), java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
