package io.mcpconn.testkit.repository;

import static io.mcpconn.testkit.fixtures.McpConnections.AGENT;
import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.NotConnectionOwnerException;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import io.mcpconn.testkit.fixtures.Tools;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link McpConnectionRepository} must do. An adapter's test extends this class and
 * implements {@link #createRepository()} to hand out a fresh, empty repository; the
 * in-memory and the SQLite adapters both pass it.
 */
public abstract class McpConnectionRepositoryContract {

    /** Another tenant, which must never see the default namespace's connections. */
    protected static final Namespace OTHER_NAMESPACE = Namespace.of("other-namespace");

    /** Another agent in the default namespace. */
    protected static final AgentId OTHER_AGENT = AgentId.of("other-agent");

    /** Times every test's commands are stamped with. */
    protected final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00.123456Z");

    /** The repository under test, fresh for each test. */
    protected McpConnectionRepository repository;

    /** A new, empty repository. */
    protected abstract McpConnectionRepository createRepository();

    @BeforeEach
    void createFreshRepository() {
        repository = createRepository();
    }

    private void delete(McpConnection connection) {
        connection.remove(connection.agentId(), clock.instant());
        repository.delete(connection);
    }

    private McpConnection saved(McpConnection connection) {
        repository.save(connection);
        return connection;
    }

    private McpConnectionSnapshot stored(McpConnection connection) {
        return repository.findById(connection.namespace(), connection.id()).orElseThrow().snapshot();
    }

    @Test
    void a_saved_http_connection_reads_back_field_for_field() {
        var connection = McpConnections.active("tmws_mcp", clock);
        connection.replaceTools(ToolCatalog.of(Tools.storeMemory(), Tools.withEverything(), Tools.echo()), clock.instant());
        connection.fail("server closed the stream", clock.instant());
        repository.save(connection);

        assertThat(connection.version()).isEqualTo(1);
        assertThat(stored(connection)).isEqualTo(connection.snapshot());
    }

    @Test
    void a_saved_stdio_connection_reads_back_field_for_field() {
        var connection = McpConnection.register(ServerName.of("everything"), NAMESPACE, AGENT,
                McpConnections.stdioConfig(), clock.instant());
        connection.startConnecting(clock.instant());
        connection.markActive(ToolCatalog.of(Tools.echo(), Tools.withEverything()), clock.instant());
        connection.startDisconnecting(clock.instant());
        connection.disconnect("agent finished", clock.instant());
        repository.save(connection);

        assertThat(stored(connection)).isEqualTo(connection.snapshot());
    }

    @ParameterizedTest
    @EnumSource(ConnectionStatus.class)
    void every_status_reads_back(ConnectionStatus status) {
        var connection = saved(McpConnections.in(status, NAMESPACE, AGENT, "server-" + status.storageName(), clock));
        assertThat(stored(connection)).isEqualTo(connection.snapshot());
    }

    @Test
    void a_connection_never_changed_after_registration_reads_back_without_optional_times() {
        var connection = saved(McpConnections.disconnected("fresh", clock));
        var state = stored(connection);
        assertThat(state).isEqualTo(connection.snapshot());
        assertThat(state.updatedAt()).isEmpty();
        assertThat(state.connectedAt()).isEmpty();
        assertThat(state.lastError()).isEmpty();
    }

    @Test
    void saving_again_updates_the_row_and_bumps_the_version() {
        var connection = saved(McpConnections.disconnected("tmws_mcp", clock));
        var loaded = repository.findById(NAMESPACE, connection.id()).orElseThrow();

        loaded.startConnecting(clock.instant());
        loaded.markActive(Tools.seedCatalog(), clock.instant());
        repository.save(loaded);

        var reloaded = stored(loaded);
        assertThat(reloaded.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(reloaded.version()).isEqualTo(2);
        assertThat(reloaded.tools()).isEqualTo(Tools.seedCatalog());
        assertThat(reloaded).isEqualTo(loaded.snapshot());
    }

    @Test
    void a_stale_copy_is_refused_and_changes_nothing() {
        var original = saved(McpConnections.disconnected("tmws_mcp", clock));
        var first = repository.findById(NAMESPACE, original.id()).orElseThrow();
        var second = repository.findById(NAMESPACE, original.id()).orElseThrow();
        first.startConnecting(clock.instant());
        repository.save(first);

        second.startConnecting(clock.instant());
        assertThatThrownBy(() -> repository.save(second))
                .isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining(original.id().value())
                .hasMessageContaining("stored version 2").hasMessageContaining("version 1");

        assertThat(stored(original)).isEqualTo(first.snapshot());
        assertThat(second.version()).as("a refused save does not advance the copy").isEqualTo(1);
    }

    @Test
    void server_names_are_unique_within_a_namespace() {
        var first = saved(McpConnections.disconnected("tmws_mcp", clock));
        var duplicate = McpConnections.disconnected("tmws_mcp", clock);

        assertThatThrownBy(() -> repository.save(duplicate))
                .isInstanceOf(DuplicateServerNameException.class)
                .hasMessageContaining("tmws_mcp").hasMessageContaining(first.id().value());
        assertThat(repository.findById(NAMESPACE, duplicate.id())).isEmpty();
        assertThat(duplicate.version()).isZero();

        var elsewhere = McpConnections.in(ConnectionStatus.DISCONNECTED, OTHER_NAMESPACE, AGENT, "tmws_mcp", clock);
        repository.save(elsewhere);
        assertThat(repository.findById(OTHER_NAMESPACE, elsewhere.id())).isPresent();
    }

    @Test
    void a_connection_restored_under_another_name_is_saved_under_it_unless_the_name_is_taken() {
        var taken = saved(McpConnections.disconnected("taken", clock));
        var connection = saved(McpConnections.disconnected("before", clock));
        var state = connection.snapshot();

        var renamed = McpConnection.restore(renamed(state, "after"));
        repository.save(renamed);

        assertThat(repository.findByServerName(NAMESPACE, ServerName.of("after")).map(McpConnection::snapshot))
                .contains(renamed.snapshot());
        assertThat(repository.findByServerName(NAMESPACE, ServerName.of("before"))).isEmpty();
        assertThat(renamed.version()).isEqualTo(state.version() + 1);

        var clash = McpConnection.restore(renamed(renamed.snapshot(), "taken"));
        assertThatThrownBy(() -> repository.save(clash)).isInstanceOf(DuplicateServerNameException.class)
                .hasMessageContaining(taken.id().value());
        assertThat(stored(renamed)).isEqualTo(renamed.snapshot());
    }

    private static McpConnectionSnapshot renamed(McpConnectionSnapshot state, String name) {
        return new McpConnectionSnapshot(state.id(), ServerName.of(name), state.namespace(), state.agentId(),
                state.config(), state.status(), state.tools(), state.lastError(), state.createdAt(), state.connectedAt(),
                state.disconnectedAt(), state.updatedAt(), state.version());
    }

    @Test
    void a_save_takes_the_events_into_storage_and_a_loaded_copy_has_none() {
        var connection = McpConnection.register(ServerName.of("tmws_mcp"), NAMESPACE, AGENT,
                McpConnections.httpConfig(), clock.instant());
        connection.startConnecting(clock.instant());
        repository.save(connection);

        assertThat(repository.findById(NAMESPACE, connection.id()).orElseThrow().pendingEvents()).isEmpty();
        assertThat(connection.pendingEvents()).as("stored with the save (the outbox contract checks where)").isEmpty();
    }

    @Test
    void a_loaded_connection_is_a_copy_not_the_stored_state() {
        var connection = saved(McpConnections.disconnected("tmws_mcp", clock));
        connection.startConnecting(clock.instant());
        assertThat(stored(connection).status()).as("unsaved changes are not visible").isEqualTo(ConnectionStatus.DISCONNECTED);
    }

    @Test
    void save_all_writes_new_and_changed_connections_in_one_go_and_marks_each_saved() {
        var changed = repository.findById(NAMESPACE, saved(McpConnections.disconnected("changed", clock)).id())
                .orElseThrow();
        changed.startConnecting(clock.instant());
        var batch = new ArrayList<McpConnection>();
        batch.add(changed);
        for (int i = 1; i < PageRequest.MAX_SIZE; i++) {
            batch.add(McpConnections.disconnected("imported_" + i, clock));
        }

        repository.saveAll(batch);

        assertThat(batch).extracting(McpConnection::version).first().isEqualTo(2L);
        assertThat(batch.subList(1, batch.size())).extracting(McpConnection::version).containsOnly(1L);
        for (var connection : batch) {
            assertThat(stored(connection)).isEqualTo(connection.snapshot());
        }
        repository.saveAll(List.of());
        assertThat(repository.findAll(NAMESPACE, PageRequest.first(PageRequest.MAX_SIZE)).items()).hasSize(PageRequest.MAX_SIZE);
    }

    @Test
    void save_all_saves_none_when_one_cannot_be_saved_and_names_the_first_that_cannot() {
        var kept = saved(McpConnections.disconnected("kept", clock));
        var stale = repository.findById(NAMESPACE, kept.id()).orElseThrow();
        var fresher = repository.findById(NAMESPACE, kept.id()).orElseThrow();
        fresher.startConnecting(clock.instant());
        repository.save(fresher);
        stale.startConnecting(clock.instant());
        var before = McpConnections.disconnected("before_the_stale_one", clock);
        var after = McpConnections.disconnected("kept", clock);

        assertThatThrownBy(() -> repository.saveAll(List.of(before, stale, after)))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(kept.id().value());

        assertThat(repository.findById(NAMESPACE, before.id())).as("written before the refusal, rolled back").isEmpty();
        assertThat(List.of(before, stale, after)).extracting(McpConnection::version).containsExactly(0L, 1L, 0L);
        assertThat(stored(kept)).isEqualTo(fresher.snapshot());

        assertThatThrownBy(() -> repository.saveAll(List.of(before, after)))
                .isInstanceOf(DuplicateServerNameException.class).hasMessageContaining("kept");
        assertThat(repository.findById(NAMESPACE, before.id())).isEmpty();
    }

    @Test
    void save_all_refuses_a_server_name_twice_in_the_list_and_a_connection_twice() {
        var first = McpConnections.disconnected("twice", clock);
        var second = McpConnections.disconnected("twice", clock);

        assertThatThrownBy(() -> repository.saveAll(List.of(first, second)))
                .isInstanceOf(DuplicateServerNameException.class).hasMessageContaining("twice");
        assertThat(repository.findById(NAMESPACE, first.id())).isEmpty();

        assertThatThrownBy(() -> repository.saveAll(List.of(first, first)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(first.id().value())
                .hasMessageContaining("twice");
        assertThat(repository.findById(NAMESPACE, first.id())).isEmpty();
        assertThat(first.version()).isZero();
    }

    @Test
    void find_by_server_name_is_scoped_by_namespace() {
        var connection = saved(McpConnections.disconnected("tmws_mcp", clock));
        assertThat(repository.findByServerName(NAMESPACE, ServerName.of("tmws_mcp"))).contains(connection);
        assertThat(repository.findByServerName(OTHER_NAMESPACE, ServerName.of("tmws_mcp"))).isEmpty();
        assertThat(repository.findByServerName(NAMESPACE, ServerName.of("unknown"))).isEmpty();
    }

    @Test
    void another_namespace_sees_nothing_through_any_method() {
        var connection = saved(McpConnections.active("tmws_mcp", clock));
        var firstPage = PageRequest.first(10);

        assertThat(repository.findById(OTHER_NAMESPACE, connection.id())).isEmpty();
        assertThat(repository.findByServerName(OTHER_NAMESPACE, connection.serverName())).isEmpty();
        assertThat(repository.findByAgent(OTHER_NAMESPACE, AGENT, firstPage).items()).isEmpty();
        assertThat(repository.findByStatus(OTHER_NAMESPACE, ConnectionStatus.ACTIVE, firstPage).items()).isEmpty();
        assertThat(repository.findAll(OTHER_NAMESPACE, firstPage).items()).isEmpty();
        var impostor = McpConnection.restore(withNamespace(stored(connection), OTHER_NAMESPACE));
        impostor.disconnect("impostor", clock.instant());
        impostor.remove(AGENT, clock.instant());
        assertThatThrownBy(() -> repository.delete(impostor))
                .isInstanceOf(McpConnectionNotFoundException.class)
                .hasMessage(new McpConnectionNotFoundException(OTHER_NAMESPACE, connection.id()).getMessage());
        var overwrite = McpConnection.restore(withNamespace(stored(connection), OTHER_NAMESPACE));
        assertThatThrownBy(() -> repository.save(overwrite)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(stored(connection)).isEqualTo(connection.snapshot());
    }

    @Test
    void a_removed_connection_is_deleted_once() {
        var connection = saved(McpConnections.disconnected("tmws_mcp", clock));
        var loaded = repository.findById(NAMESPACE, connection.id()).orElseThrow();

        delete(loaded);

        assertThat(repository.findById(NAMESPACE, connection.id())).isEmpty();
        assertThat(repository.findByServerName(NAMESPACE, connection.serverName())).isEmpty();
        assertThatThrownBy(() -> repository.delete(loaded)).isInstanceOf(McpConnectionNotFoundException.class);
    }

    @Test
    void a_connection_not_removed_first_is_not_deleted() {
        var connection = saved(McpConnections.disconnected("tmws_mcp", clock));
        assertThatThrownBy(() -> repository.delete(connection)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("removed");
        assertThat(repository.findById(NAMESPACE, connection.id())).isPresent();
    }

    @Test
    void a_stale_copy_is_not_deleted() {
        var connection = saved(McpConnections.disconnected("tmws_mcp", clock));
        var stale = repository.findById(NAMESPACE, connection.id()).orElseThrow();
        var fresh = repository.findById(NAMESPACE, connection.id()).orElseThrow();
        fresh.startConnecting(clock.instant());
        fresh.fail("refused", clock.instant());
        repository.save(fresh);

        stale.remove(AGENT, clock.instant());
        assertThatThrownBy(() -> repository.delete(stale)).isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining("stored version 2");
        assertThat(stored(connection)).isEqualTo(fresh.snapshot());
    }

    @Test
    void a_deleted_server_name_can_be_used_again() {
        var first = saved(McpConnections.disconnected("tmws_mcp", clock));
        delete(first);
        var second = saved(McpConnections.disconnected("tmws_mcp", clock));
        assertThat(repository.findByServerName(NAMESPACE, ServerName.of("tmws_mcp"))).contains(second);
    }

    @Test
    void find_by_agent_lists_the_owners_connections_newest_first() {
        var oldest = saved(McpConnections.disconnected("a", clock));
        saved(McpConnections.in(ConnectionStatus.DISCONNECTED, NAMESPACE, OTHER_AGENT, "b", clock));
        var newest = saved(McpConnections.active("c", clock));

        assertThat(repository.findByAgent(NAMESPACE, AGENT, PageRequest.first(10)).items())
                .containsExactly(newest, oldest);
        assertThat(repository.findByAgent(NAMESPACE, AgentId.of("nobody"), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void find_by_status_lists_only_that_status() {
        var active = saved(McpConnections.active("a", clock));
        var failed = saved(McpConnections.in(ConnectionStatus.ERROR, NAMESPACE, AGENT, "b", clock));
        saved(McpConnections.disconnected("c", clock));

        assertThat(repository.findByStatus(NAMESPACE, ConnectionStatus.ACTIVE, PageRequest.first(10)).items()).containsExactly(active);
        assertThat(repository.findByStatus(NAMESPACE, ConnectionStatus.ERROR, PageRequest.first(10)).items()).containsExactly(failed);
        assertThat(repository.findByStatus(NAMESPACE, ConnectionStatus.CONNECTING, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void keyset_paging_visits_each_of_1000_connections_exactly_once_in_order() {
        // Five connections share each creation instant, so the id must break ties.
        var expected = new ArrayList<McpConnection>();
        for (int i = 0; i < 1000; i++) {
            var createdAt = Clock.fixed(Instant.parse("2025-11-12T13:30:00Z").plusSeconds(i / 5), ZoneOffset.UTC);
            var owner = i % 2 == 0 ? AGENT : OTHER_AGENT;
            expected.add(saved(McpConnections.in(ConnectionStatus.DISCONNECTED, NAMESPACE, owner, "server-" + i, createdAt)));
        }
        saved(McpConnections.in(ConnectionStatus.DISCONNECTED, OTHER_NAMESPACE, AGENT, "server-0", clock));

        var all = readAllPages(request -> repository.findAll(NAMESPACE, request), 37);
        assertThat(all).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(all).isSortedAccordingTo((a, b) -> {
            int byTime = b.createdAt().compareTo(a.createdAt());
            return byTime != 0 ? byTime : b.id().value().compareTo(a.id().value());
        });

        var mine = readAllPages(request -> repository.findByAgent(NAMESPACE, AGENT, request), 100);
        assertThat(mine).hasSize(500).allSatisfy(c -> assertThat(c.agentId()).isEqualTo(AGENT));

        assertThat(repository.findAll(NAMESPACE, PageRequest.first(1000)).hasNext()).isFalse();
    }

    @Test
    void a_page_cursor_stays_valid_when_rows_are_added_and_deleted_elsewhere() {
        var connections = new ArrayList<McpConnection>();
        for (int i = 0; i < 6; i++) {
            connections.add(saved(McpConnections.disconnected("s" + i, clock)));
        }
        var first = repository.findAll(NAMESPACE, PageRequest.first(3));
        saved(McpConnections.disconnected("newer", clock));
        delete(connections.get(5));

        var second = repository.findAll(NAMESPACE, PageRequest.after(first.next().orElseThrow(), 3));
        assertThat(second.items()).containsExactly(connections.get(2), connections.get(1), connections.get(0));
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    void an_id_taken_in_another_namespace_is_answered_exactly_as_a_missing_id_and_changes_nothing() {
        var victim = saved(McpConnections.active("tmws_mcp", clock));
        repository.save(victim);
        var missing = McpConnection.restore(stored(victim).withVersion(2));
        var unknown = McpConnection.restore(new McpConnectionSnapshot(ConnectionId.random(), missing.serverName(),
                NAMESPACE, AGENT, missing.config(), missing.status(), missing.tools(), missing.lastError(),
                missing.createdAt(), missing.connectedAt(), missing.disconnectedAt(), missing.updatedAt(), 2));
        var missingAnswer = catchThrowableOfType(ConcurrentUpdateException.class, () -> repository.save(unknown));

        var impostor = McpConnection.restore(withNamespace(stored(victim), OTHER_NAMESPACE));
        var impostorAnswer = catchThrowableOfType(ConcurrentUpdateException.class, () -> repository.save(impostor));
        assertThat(impostorAnswer).as("no version, no namespace: the words a missing id gets")
                .hasMessage(missingAnswer.getMessage().replace(unknown.id().value(), victim.id().value()));

        var newcomer = McpConnection.restore(withNamespace(stored(victim).withVersion(0), OTHER_NAMESPACE));
        assertThatThrownBy(() -> repository.save(newcomer)).isInstanceOf(ConcurrentUpdateException.class)
                .hasMessage(ConcurrentUpdateException.idTaken(victim.id()).getMessage());
        assertThat(stored(victim)).isEqualTo(victim.snapshot());
        assertThat(repository.findById(OTHER_NAMESPACE, victim.id())).isEmpty();
    }

    @Test
    void the_owner_is_fixed_at_registration_and_a_save_cannot_change_it() {
        var connection = saved(McpConnections.disconnected("tmws_mcp", clock));
        var state = stored(connection);
        var takeover = McpConnection.restore(new McpConnectionSnapshot(state.id(), state.serverName(), state.namespace(),
                OTHER_AGENT, state.config(), state.status(), state.tools(), state.lastError(), state.createdAt(),
                state.connectedAt(), state.disconnectedAt(), state.updatedAt(), state.version()));

        assertThatThrownBy(() -> repository.save(takeover)).isInstanceOf(NotConnectionOwnerException.class)
                .hasMessage(NotConnectionOwnerException.ownerIsFixed(NAMESPACE, state.id(), AGENT, OTHER_AGENT)
                        .getMessage());
        assertThat(stored(connection)).isEqualTo(connection.snapshot());
        assertThat(takeover.version()).isEqualTo(1);
    }

    @Test
    void a_connection_with_10000_tools_and_one_with_a_5_mb_schema_read_back_whole() {
        var many = McpConnections.active("many", clock);
        many.replaceTools(Tools.numbered(ToolCatalog.MAX_TOOLS), clock.instant());
        repository.save(many);
        var large = McpConnections.active("large", clock);
        large.replaceTools(ToolCatalog.of(Tools.withSchemaOf("big", 5_000_000), Tools.echo()), clock.instant());
        repository.save(large);

        assertThat(stored(many)).isEqualTo(many.snapshot());
        assertThat(stored(many).tools().size()).isEqualTo(10_000);
        assertThat(stored(large)).isEqualTo(large.snapshot());
    }

    @Test
    void a_page_of_large_connections_ends_early_by_bytes_and_paging_still_visits_each_once() {
        var expected = new ArrayList<McpConnection>();
        var schema = Tools.withSchemaOf("big", 3_000_000);
        for (int i = 0; i < 5; i++) {
            var connection = McpConnections.active("large-" + i, clock);
            connection.replaceTools(ToolCatalog.of(schema), clock.instant());
            expected.add(saved(connection));
        }
        var first = repository.findAll(NAMESPACE, PageRequest.first(10));
        assertThat(first.items()).as("three of 3 MB pass 8 MiB; the page stops there").hasSize(3);
        assertThat(first.hasNext()).isTrue();

        var all = readAllPages(request -> repository.findAll(NAMESPACE, request), 10);
        assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
        var single = repository.findAll(NAMESPACE, PageRequest.first(1));
        assertThat(single.items()).as("a page always holds at least one").hasSize(1);
    }

    private static McpConnectionSnapshot withNamespace(McpConnectionSnapshot state, Namespace namespace) {
        return new McpConnectionSnapshot(state.id(), state.serverName(), namespace, state.agentId(), state.config(),
                state.status(), state.tools(), state.lastError(), state.createdAt(), state.connectedAt(),
                state.disconnectedAt(), state.updatedAt(), state.version());
    }

    private static List<McpConnection> readAllPages(Function<PageRequest, Page<McpConnection>> query, int size) {
        var all = new ArrayList<McpConnection>();
        var seenIds = new HashSet<ConnectionId>();
        var page = query.apply(PageRequest.first(size));
        while (true) {
            assertThat(page.items().size()).isLessThanOrEqualTo(size);
            page.items().forEach(c -> assertThat(seenIds.add(c.id())).as("visited once: " + c.id()).isTrue());
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            page = query.apply(PageRequest.after(page.next().get(), size));
        }
    }
}
