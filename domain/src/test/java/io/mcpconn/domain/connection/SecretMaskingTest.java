package io.mcpconn.domain.connection;

import static io.mcpconn.domain.fixtures.DomainFixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mcpconn.domain.fixtures.DomainFixtures;
import io.mcpconn.domain.fixtures.TickingClock;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The api key of a connection never leaves it through text: not events, not errors, not toString. */
class SecretMaskingTest {

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");

    @Test
    void a_whole_life_cycle_never_prints_the_key() {
        var connection = DomainFixtures.disconnected(clock);
        var texts = new ArrayList<String>();

        connection.reconfigure(connection.config().withoutAuthentication());
        connection.reconfigure(DomainFixtures.securedConfig());
        connection.startConnecting();
        connection.fail("401 Unauthorized for Bearer " + SECRET);
        texts.add(connection.errorMessage().orElseThrow());
        assertThat(connection.errorMessage()).contains("401 Unauthorized for Bearer ****");
        connection.startConnecting();
        connection.markActive(DomainFixtures.tools());
        texts.add(catchThrowable(connection::startConnecting).getMessage());
        texts.add(catchThrowable(() -> connection.markSaved(9)).getMessage());
        connection.startDisconnecting();
        connection.disconnect("closing session with key " + SECRET);
        texts.add(catchThrowable(() -> connection.replaceTools(DomainFixtures.tools())).getMessage());

        connection.pullEvents().forEach(event -> texts.add(event.toString()));
        texts.add(connection.toString());
        texts.add(connection.snapshot().toString());
        texts.add(connection.config().toString());

        assertThat(texts).hasSizeGreaterThan(10).allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
    }

    @Test
    void repository_errors_never_print_the_key() {
        var connection = DomainFixtures.disconnected(clock);
        var errors = new Exception[] {
            new ConcurrentUpdateException(connection.id(), 1, 2),
            new DuplicateServerNameException(connection.namespace(), connection.serverName(), connection.id()),
            new McpConnectionNotFoundException(connection.namespace(), connection.id()),
            new NotConnectionOwnerException(connection.namespace(), connection.id(), connection.agentId()),
        };
        for (var error : errors) {
            assertThat(error.getMessage()).doesNotContain(SECRET).contains(connection.id().value());
        }
    }
}
