package io.mcpconn.application.query;

import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static io.mcpconn.application.fixtures.Instance.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.application.fixtures.DelegatingRepository;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageCursor;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.UnreadableConnection;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.fixtures.TickingClock;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import io.mcpconn.testkit.repository.InMemorySessionLeaseRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rows a repository cannot read reach the caller of every listing use case: none is dropped in silence. */
class UnreadableRowsTest {

    private static final UnreadableConnection BROKEN = new UnreadableConnection("broken-1", "config_json",
            "is not valid JSON for this column", "correct the value with an UPDATE");

    /** The in-memory repository, with one unreadable row on the first page of every listing. */
    private static final class WithUnreadableRow extends DelegatingRepository {

        WithUnreadableRow() {
            super(new InMemoryMcpConnectionRepository());
        }

        private Page<McpConnection> withBroken(Page<McpConnection> page, PageRequest request) {
            if (request.after().isPresent()) {
                return page;
            }
            var unreadable = new ArrayList<>(page.unreadable());
            unreadable.add(BROKEN);
            // The broken row ends the first page; the rest follows after it.
            return new Page<>(page.items(), unreadable,
                    Optional.of(page.next().orElse(PageCursor.at(Instant.EPOCH, ConnectionId.of("broken-1")))));
        }

        @Override
        public Page<McpConnection> findAll(Namespace namespace, PageRequest page) {
            return withBroken(super.findAll(namespace, page), page);
        }

        @Override
        public Page<McpConnection> findByAgent(Namespace namespace, AgentId owner, PageRequest page) {
            return withBroken(super.findByAgent(namespace, owner, page), page);
        }

        @Override
        public Page<McpConnection> findByStatus(Namespace namespace, ConnectionStatus status, PageRequest page) {
            return withBroken(super.findByStatus(namespace, status, page), page);
        }
    }

    private final Instance instance = new Instance("instance-a", FakeMcpClient.offering(),
            TickingClock.of(Instant.parse("2025-11-12T13:30:00Z"), Duration.ofNanos(1000)), new WithUnreadableRow(),
            new InMemorySessionLeaseRepository());

    @AfterEach
    void close() {
        instance.close();
    }

    @Test
    void a_listing_carries_the_unreadable_rows_beside_the_views_whichever_filter_it_uses() {
        instance.registered("readable", 0);
        for (var query : List.of(new ListConnectionsQuery(NAMESPACE, Optional.empty(), Optional.empty(), PageRequest.first(10)),
                new ListConnectionsQuery(NAMESPACE, Optional.of(OWNER), Optional.empty(), PageRequest.first(10)),
                new ListConnectionsQuery(NAMESPACE, Optional.empty(), Optional.of(ConnectionStatus.DISCONNECTED),
                        PageRequest.first(10)))) {
            var page = instance.query.list(query);
            assertThat(page.items()).extracting(view -> view.connection().serverName().value()).containsExactly("readable");
            assertThat(page.unreadable()).containsExactly(BROKEN);
            assertThat(page.next()).isPresent();
        }
    }

    @Test
    void an_export_names_the_connections_it_had_to_leave_out() {
        instance.registered("readable", 0);
        var export = instance.exporter.handle(NAMESPACE, Optional.empty());
        assertThat(export.servers()).extracting(server -> server.name().value()).containsExactly("readable");
        assertThat(export.unreadable()).containsExactly(BROKEN);
        assertThat(instance.exporter.handle(NAMESPACE, Optional.of(OWNER)).unreadable()).containsExactly(BROKEN);
    }
}
