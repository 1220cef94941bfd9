package io.mcpconn.domain.connection;

import static io.mcpconn.domain.fixtures.DomainFixtures.AGENT;
import static io.mcpconn.domain.fixtures.DomainFixtures.NAMESPACE;
import static io.mcpconn.domain.fixtures.DomainFixtures.SECRET;
import static io.mcpconn.domain.fixtures.DomainFixtures.disconnected;
import static io.mcpconn.domain.fixtures.DomainFixtures.in;
import static io.mcpconn.domain.fixtures.DomainFixtures.moveTo;
import static io.mcpconn.domain.fixtures.DomainFixtures.tools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.McpConnectionEvent.Connected;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionFailed;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRegistered;
import io.mcpconn.domain.connection.McpConnectionEvent.Disconnected;
import io.mcpconn.domain.connection.McpConnectionEvent.DisconnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ToolsChanged;
import io.mcpconn.domain.fixtures.DomainFixtures;
import io.mcpconn.domain.fixtures.TickingClock;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tool.ToolCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class McpConnectionTest {

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");

    static Stream<Arguments> legalTransitions() {
        var pairs = new ArrayList<Arguments>();
        ConnectionStatus.transitionTable().forEach((from, targets) ->
                targets.forEach(to -> pairs.add(Arguments.of(from, to))));
        return pairs.stream();
    }

    static Stream<Arguments> illegalTransitions() {
        var pairs = new ArrayList<Arguments>();
        for (var from : ConnectionStatus.values()) {
            for (var to : ConnectionStatus.values()) {
                if (!from.canTransitionTo(to)) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    @Nested
    class Registration {

        @Test
        void a_new_connection_is_disconnected_without_tools_and_records_its_registration() {
            var connection = disconnected(clock);

            assertThat(connection.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
            assertThat(connection.tools().isEmpty()).isTrue();
            assertThat(connection.createdAt()).isEqualTo(Instant.parse("2025-11-12T13:30:00Z"));
            assertThat(connection.updatedAt()).isEmpty();
            assertThat(connection.connectedAt()).isEmpty();
            assertThat(connection.disconnectedAt()).isEmpty();
            assertThat(connection.lastError()).isEmpty();
            assertThat(connection.version()).isZero();
            assertThat(connection.pullEvents()).containsExactly(new ConnectionRegistered(connection.id(),
                    NAMESPACE, ServerName.of("tmws_mcp"), AGENT, connection.createdAt()));
        }

        @Test
        void a_new_connection_belongs_to_its_namespace_and_owner() {
            var connection = disconnected(clock);
            assertThat(connection.namespace()).isEqualTo(NAMESPACE);
            assertThat(connection.agentId()).isEqualTo(AGENT);
            assertThat(connection.serverName()).isEqualTo(ServerName.of("tmws_mcp"));
            assertThat(connection.config()).isEqualTo(DomainFixtures.securedConfig());
        }

        @Test
        void new_ids_are_random_uuids() {
            var first = disconnected(clock).id().value();
            var second = disconnected(clock).id().value();
            assertThat(first).isNotEqualTo(second).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }

        @Test
        void times_are_kept_to_the_microsecond() {
            var fine = Clock.fixed(Instant.parse("2025-11-12T13:30:00.123456789Z"), ZoneOffset.UTC);
            var connection = disconnected(fine);
            connection.startConnecting(Instant.parse("2025-11-12T13:30:01.999999999Z"));
            assertThat(connection.createdAt()).isEqualTo(Instant.parse("2025-11-12T13:30:00.123456Z"));
            assertThat(connection.updatedAt()).contains(Instant.parse("2025-11-12T13:30:01.999999Z"));
        }
    }

    @Nested
    class Transitions {

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("io.mcpconn.domain.connection.McpConnectionTest#legalTransitions")
        void every_legal_transition_applies_stamps_the_time_and_records_one_event(ConnectionStatus from, ConnectionStatus to) {
            var connection = in(from, clock);
            var expectedTime = clock.peek();

            moveTo(connection, to, clock);

            assertThat(connection.status()).isEqualTo(to);
            assertThat(connection.updatedAt()).contains(expectedTime);
            var events = connection.pullEvents();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).occurredAt()).isEqualTo(expectedTime);
            assertThat(events.get(0).connectionId()).isEqualTo(connection.id());
            assertThat(connection.pullEvents()).as("pulling clears the events").isEmpty();
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("io.mcpconn.domain.connection.McpConnectionTest#illegalTransitions")
        void every_illegal_transition_throws_naming_the_states_and_changes_nothing(ConnectionStatus from, ConnectionStatus to) {
            var connection = in(from, clock);
            var before = connection.snapshot();

            assertThatThrownBy(() -> moveTo(connection, to, clock))
                    .isInstanceOfSatisfying(InvalidStateTransitionException.class, e -> {
                        assertThat(e.current()).isEqualTo(from);
                        assertThat(e.attempted()).isEqualTo(to);
                        assertThat(e.allowed()).isEqualTo(from.allowedTransitions());
                        assertThat(e.getMessage()).contains("from " + from + " to " + to);
                        from.allowedTransitions().forEach(allowed -> assertThat(e.getMessage()).contains(allowed.name()));
                    });

            assertThat(connection.snapshot()).isEqualTo(before);
            assertThat(connection.pullEvents()).isEmpty();
        }

        @Test
        void start_connecting_records_connecting_started() {
            var connection = in(ConnectionStatus.DISCONNECTED, clock);
            var at = clock.peek();
            connection.startConnecting(clock.instant());
            assertThat(connection.pullEvents()).containsExactly(
                    new ConnectingStarted(connection.id(), NAMESPACE, connection.serverName(), at));
        }

        @Test
        void a_connection_whose_api_key_is_kept_elsewhere_refuses_to_connect_and_stays_as_it_was() {
            var keptElsewhere = new ConnectionConfig(io.mcpconn.domain.config.HttpTransport.of("https://mcp.example.com/mcp"),
                    java.time.Duration.ofSeconds(30), 3, true, Optional.empty());
            for (var status : List.of(ConnectionStatus.DISCONNECTED, ConnectionStatus.ERROR)) {
                var connection = in(status, clock);
                var stored = connection.snapshot();
                var restored = McpConnection.restore(new McpConnectionSnapshot(stored.id(), stored.serverName(),
                        stored.namespace(), stored.agentId(), keptElsewhere, stored.status(), stored.tools(),
                        stored.lastError(), stored.createdAt(), stored.connectedAt(), stored.disconnectedAt(),
                        stored.updatedAt(), stored.version()));
                var before = restored.snapshot();

                assertThatThrownBy(() -> restored.startConnecting(clock.instant()))
                        .isInstanceOf(MissingApiKeyException.class)
                        .hasMessage("connection " + restored.id() + " (" + restored.serverName() + ") requires"
                                + " authentication, but no api key is stored for it (its row says auth_required without"
                                + " an api_key, as a program that keeps keys elsewhere writes it); reconfigure it with"
                                + " its api key, then connect it");
                assertThat(restored.snapshot()).isEqualTo(before);
                assertThat(restored.pullEvents()).isEmpty();

                restored.reconfigure(keptElsewhere.withApiKey(io.mcpconn.domain.config.ApiKey.of(SECRET)), clock.instant());
                restored.startConnecting(clock.instant());
                assertThat(restored.status()).isEqualTo(ConnectionStatus.CONNECTING);
            }
        }

        @Test
        void becoming_active_keeps_the_tools_and_stamps_connected_at() {
            var connection = in(ConnectionStatus.CONNECTING, clock);
            var at = clock.peek();

            connection.markActive(tools(), clock.instant());

            assertThat(connection.tools()).isEqualTo(tools());
            assertThat(connection.connectedAt()).contains(at);
            assertThat(connection.lastError()).isEmpty();
            assertThat(connection.pullEvents()).containsExactly(
                    new Connected(connection.id(), NAMESPACE, connection.serverName(), 2, at));
        }

        @Test
        void failing_keeps_the_error_and_its_time_and_names_the_previous_status() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            var at = clock.peek();

            connection.fail("  connection reset by peer \n", clock.instant());

            assertThat(connection.lastError()).contains(new LastError("connection reset by peer", at));
            assertThat(connection.pullEvents()).containsExactly(new ConnectionFailed(connection.id(), NAMESPACE,
                    connection.serverName(), ConnectionStatus.ACTIVE, "connection reset by peer", at));
        }

        @Test
        void overlong_errors_are_cut() {
            var connection = in(ConnectionStatus.CONNECTING, clock);
            connection.fail("x".repeat(LastError.MAX_LENGTH + 500), clock.instant());
            assertThat(connection.lastError()).hasValueSatisfying(e -> assertThat(e.message()).hasSize(LastError.MAX_LENGTH));
        }

        @Test
        void a_blank_error_is_refused() {
            var connection = in(ConnectionStatus.CONNECTING, clock);
            assertThatThrownBy(() -> connection.fail(" ", clock.instant())).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("must not be blank");
            assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTING);
        }

        @Test
        void disconnecting_through_disconnecting_is_graceful() {
            var connection = in(ConnectionStatus.DISCONNECTING, clock);
            var at = clock.peek();

            connection.disconnect("agent finished", clock.instant());

            assertThat(connection.disconnectedAt()).contains(at);
            assertThat(connection.tools()).as("last seen tools are kept").isEqualTo(tools());
            assertThat(connection.pullEvents()).containsExactly(new Disconnected(connection.id(), NAMESPACE,
                    connection.serverName(), "agent finished", true, at));
        }

        @Test
        void dropping_an_active_connection_is_not_graceful() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            connection.disconnect("server went away", clock.instant());
            assertThat(connection.pullEvents()).singleElement()
                    .isInstanceOfSatisfying(Disconnected.class, e -> assertThat(e.graceful()).isFalse());
        }

        @Test
        void start_disconnecting_records_disconnecting_started() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            var at = clock.peek();
            connection.startDisconnecting(clock.instant());
            assertThat(connection.pullEvents()).containsExactly(
                    new DisconnectingStarted(connection.id(), NAMESPACE, connection.serverName(), at));
        }
    }

    @Nested
    class ToolReplacement {

        @Test
        void replacing_tools_records_what_was_added_removed_and_changed() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            var changedEcho = DomainFixtures.echo().withCategory(io.mcpconn.domain.tool.ToolCategory.GENERAL);
            var fetch = io.mcpconn.domain.tool.Tool.of("fetch", Optional.empty(), io.mcpconn.domain.tool.Tool.NO_ARGUMENTS);
            var at = clock.peek();

            var changes = connection.replaceTools(ToolCatalog.of(changedEcho, fetch), clock.instant());

            assertThat(changes.added()).containsExactly("fetch");
            assertThat(changes.removed()).containsExactly("store_memory");
            assertThat(changes.changed()).containsExactly("echo");
            assertThat(connection.tools().tools()).containsExactly(changedEcho, fetch);
            assertThat(connection.updatedAt()).contains(at);
            assertThat(connection.pullEvents()).containsExactly(
                    new ToolsChanged(connection.id(), NAMESPACE, connection.serverName(), changes, at));
        }

        @Test
        void the_same_tools_again_change_nothing_and_record_nothing() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            var before = connection.snapshot();

            assertThat(connection.replaceTools(tools(), clock.instant()).isEmpty()).isTrue();

            assertThat(connection.snapshot()).isEqualTo(before);
            assertThat(connection.pullEvents()).isEmpty();
        }

        @Test
        void tools_are_only_replaced_on_an_active_connection() {
            for (var status : List.of(ConnectionStatus.DISCONNECTED, ConnectionStatus.CONNECTING,
                    ConnectionStatus.DISCONNECTING, ConnectionStatus.ERROR)) {
                var connection = in(status, clock);
                var before = connection.snapshot();
                assertThatThrownBy(() -> connection.replaceTools(ToolCatalog.EMPTY, clock.instant()))
                        .isInstanceOf(ConnectionNotActiveException.class)
                        .hasMessageContaining("is " + status).hasMessageContaining("ACTIVE");
                assertThat(connection.snapshot()).isEqualTo(before);
            }
        }
    }

    @Nested
    class ToolCalls {

        @Test
        void an_active_connection_gives_the_tool_it_offers() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            assertThat(connection.toolForCall("echo")).isEqualTo(DomainFixtures.echo());
            assertThat(connection.toolForCall("store_memory")).isEqualTo(DomainFixtures.storeMemory());
        }

        @Test
        void an_unknown_tool_is_refused_naming_the_tools_offered() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            assertThatThrownBy(() -> connection.toolForCall("delete_everything"))
                    .isInstanceOf(UnknownToolException.class)
                    .hasMessage("server tmws_mcp offers no tool named \"delete_everything\"; it offers: echo, store_memory."
                            + " If the server has new tools, refresh them first");

            var empty = in(ConnectionStatus.CONNECTING, clock);
            empty.markActive(ToolCatalog.EMPTY, clock.instant());
            assertThatThrownBy(() -> empty.toolForCall("echo"))
                    .isInstanceOf(UnknownToolException.class)
                    .hasMessage("server tmws_mcp offers no tool named \"echo\"; it offers: no tools."
                            + " If the server has new tools, refresh them first");
        }

        @Test
        void tools_are_only_called_on_an_active_connection() {
            for (var status : List.of(ConnectionStatus.DISCONNECTED, ConnectionStatus.CONNECTING,
                    ConnectionStatus.DISCONNECTING, ConnectionStatus.ERROR)) {
                var connection = in(status, clock);
                assertThatThrownBy(() -> connection.toolForCall("echo"))
                        .isInstanceOf(ConnectionNotActiveException.class)
                        .hasMessage("connection " + connection.id() + " (tmws_mcp) is " + status
                                + "; tools can only be listed or called on an ACTIVE connection, connect it first");
                assertThatThrownBy(connection::requireActive).isInstanceOf(ConnectionNotActiveException.class);
            }
            in(ConnectionStatus.ACTIVE, clock).requireActive();
        }
    }

    @Nested
    class Reconfiguration {

        @Test
        void a_connection_not_in_use_takes_a_new_configuration_and_says_what_kind_changed() {
            var connection = in(ConnectionStatus.ERROR, clock);
            var at = clock.peek();
            var rotated = DomainFixtures.securedConfig().withApiKey(io.mcpconn.domain.config.ApiKey.of("sk-rotated-1"));

            assertThat(connection.reconfigure(rotated, clock.instant())).isTrue();

            assertThat(connection.config()).isEqualTo(rotated);
            assertThat(connection.updatedAt()).contains(at);
            assertThat(connection.pullEvents()).containsExactly(new McpConnectionEvent.ConfigurationChanged(
                    connection.id(), NAMESPACE, connection.serverName(), false, true, at));
        }

        @Test
        void a_new_url_alone_is_a_transport_change_and_dropping_the_key_an_authentication_change() {
            var connection = in(ConnectionStatus.DISCONNECTED, clock);
            var moved = ConnectionConfig.http("https://mcp2.example.com/mcp")
                    .withApiKey(io.mcpconn.domain.config.ApiKey.of(SECRET));
            var movedAt = clock.peek();
            assertThat(connection.reconfigure(moved, clock.instant())).isTrue();

            var unsecured = moved.withoutAuthentication();
            var unsecuredAt = clock.peek();
            assertThat(connection.reconfigure(unsecured, clock.instant())).isTrue();

            assertThat(connection.pullEvents()).containsExactly(
                    new McpConnectionEvent.ConfigurationChanged(connection.id(), NAMESPACE, connection.serverName(),
                            true, false, movedAt),
                    new McpConnectionEvent.ConfigurationChanged(connection.id(), NAMESPACE, connection.serverName(),
                            false, true, unsecuredAt));
        }

        @Test
        void the_same_configuration_again_changes_nothing() {
            var connection = in(ConnectionStatus.DISCONNECTED, clock);
            var before = connection.snapshot();
            assertThat(connection.reconfigure(DomainFixtures.securedConfig(), clock.instant())).isFalse();
            assertThat(connection.snapshot()).isEqualTo(before);
            assertThat(connection.pullEvents()).isEmpty();
        }

        @Test
        void a_connection_in_use_keeps_its_configuration() {
            for (var status : List.of(ConnectionStatus.CONNECTING, ConnectionStatus.ACTIVE, ConnectionStatus.DISCONNECTING)) {
                var connection = in(status, clock);
                var before = connection.snapshot();
                assertThatThrownBy(() -> connection.reconfigure(ConnectionConfig.stdio("npx"), clock.instant()))
                        .isInstanceOf(ConnectionInUseException.class)
                        .hasMessageContaining("is " + status).hasMessageContaining("disconnect it before");
                assertThat(connection.snapshot()).isEqualTo(before);
            }
        }
    }

    @Nested
    class Persistence {

        @Test
        void restoring_a_snapshot_gives_the_same_connection_without_events() {
            var original = in(ConnectionStatus.ERROR, clock);
            var restored = McpConnection.restore(original.snapshot());

            assertThat(restored.snapshot()).isEqualTo(original.snapshot());
            assertThat(restored.pullEvents()).isEmpty();
        }

        @Test
        void a_restored_connection_goes_on_through_the_same_table() {
            var restored = McpConnection.restore(in(ConnectionStatus.ACTIVE, clock).snapshot());
            assertThatThrownBy(() -> restored.startConnecting(clock.instant())).isInstanceOf(InvalidStateTransitionException.class);
            restored.startDisconnecting(clock.instant());
            assertThat(restored.status()).isEqualTo(ConnectionStatus.DISCONNECTING);
        }

        @Test
        void mark_saved_only_accepts_the_next_version() {
            var connection = disconnected(clock);
            connection.markSaved(1);
            assertThat(connection.version()).isEqualTo(1);
            assertThatThrownBy(() -> connection.markSaved(1)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("version 1").hasMessageContaining("as version 2");
            assertThatThrownBy(() -> connection.markSaved(5)).isInstanceOf(InvalidValueException.class);
            assertThat(connection.version()).isEqualTo(1);
        }

        @Test
        void pending_events_stay_until_a_save_stores_them() {
            var connection = disconnected(clock);
            connection.startConnecting(clock.instant());

            var pending = connection.pendingEvents();
            assertThat(pending).hasSize(2);
            assertThat(connection.pendingEvents()).isEqualTo(pending);
            assertThatThrownBy(() -> connection.markSaved(2)).isInstanceOf(InvalidValueException.class);
            assertThat(connection.pendingEvents()).isEqualTo(pending);

            connection.markSaved(1);
            assertThat(connection.pendingEvents()).isEmpty();
            assertThat(connection.pullEvents()).isEmpty();
        }

        @Test
        void a_delete_stores_the_removal_of_a_removed_connection_only() {
            var connection = disconnected(clock);
            connection.markSaved(1);
            assertThatThrownBy(connection::markDeleted).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was not removed");

            connection.remove(connection.agentId(), clock.instant());
            assertThat(connection.pendingEvents()).hasSize(1);
            connection.markDeleted();
            assertThat(connection.pendingEvents()).isEmpty();
        }
    }

    @Nested
    class LastErrors {

        @Test
        void the_last_error_is_gone_when_the_connection_leaves_error() {
            var retried = in(ConnectionStatus.ERROR, clock);
            retried.startConnecting(clock.instant());
            assertThat(retried.lastError()).isEmpty();

            var dismissed = in(ConnectionStatus.ERROR, clock);
            dismissed.disconnect("operator reset", clock.instant());
            assertThat(dismissed.lastError()).isEmpty();
        }

        @Test
        void only_a_connection_in_error_may_be_stored_with_a_last_error() {
            var active = in(ConnectionStatus.ACTIVE, clock).snapshot();
            var error = Optional.of(new LastError("boom", Instant.parse("2025-11-12T13:30:00Z")));
            assertThatThrownBy(() -> new McpConnectionSnapshot(active.id(), active.serverName(), active.namespace(),
                    active.agentId(), active.config(), active.status(), active.tools(), error, active.createdAt(),
                    active.connectedAt(), active.disconnectedAt(), active.updatedAt(), active.version()))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("only a connection in ERROR");
            assertThatThrownBy(() -> new LastError(" ", Instant.EPOCH)).isInstanceOf(InvalidValueException.class);
        }
    }

    @Nested
    class Removal {

        @Test
        void the_owner_removes_a_connection_not_in_use_and_every_later_command_is_refused() {
            for (var status : List.of(ConnectionStatus.DISCONNECTED, ConnectionStatus.ERROR)) {
                var connection = in(status, clock);
                var at = clock.peek();

                connection.remove(AGENT, clock.instant());

                assertThat(connection.isRemoved()).isTrue();
                assertThat(connection.pullEvents()).containsExactly(new McpConnectionEvent.ConnectionRemoved(
                        connection.id(), NAMESPACE, connection.serverName(), AGENT, at));
                assertThatThrownBy(() -> connection.startConnecting(clock.instant()))
                        .isInstanceOf(McpConnectionNotFoundException.class);
                assertThatThrownBy(() -> connection.reconfigure(ConnectionConfig.stdio("npx"), clock.instant()))
                        .isInstanceOf(McpConnectionNotFoundException.class);
                assertThatThrownBy(() -> connection.remove(AGENT, clock.instant()))
                        .isInstanceOf(McpConnectionNotFoundException.class);
            }
        }

        @Test
        void a_removed_connection_is_gone_for_owner_checks_tool_calls_and_tool_refreshes() {
            var connection = in(ConnectionStatus.DISCONNECTED, clock);
            connection.remove(AGENT, clock.instant());
            var gone = "no connection " + connection.id() + " in namespace " + NAMESPACE;

            assertThatThrownBy(() -> connection.requireOwner(AGENT))
                    .isInstanceOf(McpConnectionNotFoundException.class).hasMessageStartingWith(gone);
            assertThatThrownBy(connection::requireActive)
                    .isInstanceOf(McpConnectionNotFoundException.class).hasMessageStartingWith(gone);
            assertThatThrownBy(() -> connection.toolForCall("echo"))
                    .isInstanceOf(McpConnectionNotFoundException.class).hasMessageStartingWith(gone);
            assertThatThrownBy(() -> connection.replaceTools(tools(), clock.instant()))
                    .isInstanceOf(McpConnectionNotFoundException.class).hasMessageStartingWith(gone);
        }

        @Test
        void require_owner_accepts_the_owner_and_refuses_anyone_else() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            connection.requireOwner(AGENT);
            connection.requireOwner(AgentId.of("test-agent"));
            assertThatThrownBy(() -> connection.requireOwner(AgentId.of("intruder")))
                    .isInstanceOf(NotConnectionOwnerException.class)
                    .hasMessage("connection " + connection.id() + " in namespace test-namespace is not owned by agent intruder;"
                            + " only its owner may remove it");
        }

        @Test
        void only_the_owner_removes() {
            var connection = in(ConnectionStatus.DISCONNECTED, clock);
            assertThatThrownBy(() -> connection.remove(AgentId.of("intruder"), clock.instant()))
                    .isInstanceOf(NotConnectionOwnerException.class).hasMessageContaining("intruder");
            assertThat(connection.isRemoved()).isFalse();
            assertThat(connection.pullEvents()).isEmpty();
        }

        @Test
        void a_connection_in_use_is_not_removed() {
            for (var status : List.of(ConnectionStatus.CONNECTING, ConnectionStatus.ACTIVE, ConnectionStatus.DISCONNECTING)) {
                var connection = in(status, clock);
                assertThatThrownBy(() -> connection.remove(AGENT, clock.instant()))
                        .isInstanceOf(ConnectionInUseException.class).hasMessageContaining("is " + status);
                assertThat(connection.isRemoved()).isFalse();
            }
        }
    }

    @Nested
    class StaleSessions {

        private final InstanceId holder = InstanceId.of("host-a-1234");

        private Optional<SessionLease> lease(Instant expiresAt) {
            return Optional.of(new SessionLease(ConnectionId.of("c-1"), NAMESPACE, holder,
                    expiresAt.minusSeconds(30), expiresAt));
        }

        @Test
        void a_connection_claiming_a_session_nobody_holds_is_stale_and_recovered_to_disconnected() {
            for (var status : List.of(ConnectionStatus.CONNECTING, ConnectionStatus.ACTIVE, ConnectionStatus.DISCONNECTING)) {
                var connection = in(status, clock);
                var now = clock.instant();
                var expired = lease(now);

                assertThat(connection.isStale(expired, now)).isTrue();
                assertThat(connection.recoverStaleSession(expired, now)).isTrue();

                assertThat(connection.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
                assertThat(connection.pullEvents()).singleElement().isInstanceOfSatisfying(
                        McpConnectionEvent.Disconnected.class, event -> {
                            assertThat(event.graceful()).isFalse();
                            assertThat(event.reason()).contains("host-a-1234", "expired at " + now);
                        });
            }
            var orphan = in(ConnectionStatus.ACTIVE, clock);
            assertThat(orphan.recoverStaleSession(Optional.empty(), clock.instant())).isTrue();
            assertThat(orphan.pullEvents()).singleElement().extracting(e -> ((McpConnectionEvent.Disconnected) e).reason())
                    .isEqualTo("session lost: no running instance holds it");
        }

        @Test
        void a_live_lease_or_a_connection_without_session_is_left_alone() {
            var live = in(ConnectionStatus.ACTIVE, clock);
            var now = clock.instant();
            assertThat(live.isStale(lease(now.plusNanos(1000)), now)).isFalse();
            assertThat(live.recoverStaleSession(lease(now.plusSeconds(5)), now)).isFalse();
            assertThat(live.status()).isEqualTo(ConnectionStatus.ACTIVE);

            for (var status : List.of(ConnectionStatus.DISCONNECTED, ConnectionStatus.ERROR)) {
                var idle = in(status, clock);
                assertThat(idle.isStale(Optional.empty(), now)).isFalse();
                assertThat(idle.recoverStaleSession(Optional.empty(), now)).isFalse();
                assertThat(idle.pullEvents()).isEmpty();
            }
        }
    }

    @Nested
    class Identity {

        @Test
        void connections_are_equal_by_id_alone() {
            var connection = in(ConnectionStatus.ACTIVE, clock);
            var sameIdOtherState = McpConnection.register(connection.id(), ServerName.of("other"),
                    io.mcpconn.domain.tenancy.Namespace.of("elsewhere"), AGENT, ConnectionConfig.stdio("npx"), clock.instant());

            assertThat(sameIdOtherState).isEqualTo(connection).hasSameHashCodeAs(connection);
            assertThat(disconnected(clock)).isNotEqualTo(connection);
        }

        @Test
        void hashes_follow_the_id_and_spread_over_distinct_ids() {
            var connections = new java.util.HashSet<McpConnection>();
            var hashes = new java.util.HashSet<Integer>();
            for (int i = 0; i < 200; i++) {
                var connection = McpConnection.register(ConnectionId.of("c-" + i), ServerName.of("tmws_mcp"), NAMESPACE,
                        AGENT, DomainFixtures.securedConfig(), clock.instant());
                connections.add(connection);
                hashes.add(connection.hashCode());
            }
            assertThat(connections).hasSize(200);
            assertThat(hashes).hasSizeGreaterThan(190);
            var again = McpConnection.restore(connections.iterator().next().snapshot());
            assertThat(connections).contains(again);
        }

        @Test
        void to_string_names_the_connection_but_never_the_key() {
            var text = in(ConnectionStatus.ACTIVE, clock).toString();
            assertThat(text).contains("tmws_mcp", "test-namespace", "ACTIVE", "tools=2").doesNotContain(SECRET);
        }
    }
}
