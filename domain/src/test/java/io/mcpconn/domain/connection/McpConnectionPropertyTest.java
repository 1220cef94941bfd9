package io.mcpconn.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.McpConnectionEvent.ConfigurationChanged;
import io.mcpconn.domain.connection.McpConnectionEvent.Connected;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionFailed;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRemoved;
import io.mcpconn.domain.connection.McpConnectionEvent.Disconnected;
import io.mcpconn.domain.connection.McpConnectionEvent.DisconnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ToolsChanged;
import io.mcpconn.domain.fixtures.DomainFixtures;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random command sequences against one aggregate, each checked against an oracle: a model that
 * computes from the transition table alone whether the command must apply, and if so the exact
 * state and event it must produce. A connection that refused everything, or applied a command the
 * table forbids, fails. Each seed is one reproducible run; a failure names its seed and the
 * commands so far, and {@code -Dmcpconn.seed=N} replays just that seed.
 */
class McpConnectionPropertyTest {

    // Mutation testing runs every covering test per mutant; it asks for fewer seeds (-Dmcpconn.seeds).
    private static final int SEEDS = Integer.getInteger("mcpconn.seeds", 500);
    private static final int COMMANDS_PER_RUN = 60;
    private static final Instant START = Instant.parse("2025-11-12T13:30:00Z");

    static LongStream seeds() {
        var replay = System.getProperty("mcpconn.seed");
        if (replay != null) {
            return LongStream.of(Long.parseLong(replay));
        }
        return LongStream.range(0, SEEDS).map(i -> 0x5EED_0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_command_does_exactly_what_the_transition_table_says(long seed) {
        var random = new Random(seed);
        var connection = McpConnection.register(ServerName.of("tmws_mcp"), DomainFixtures.NAMESPACE,
                DomainFixtures.AGENT, DomainFixtures.securedConfig(), START);
        connection.pullEvents();
        var model = new Model(connection.snapshot());
        var history = new ArrayList<String>();
        var applied = 0;
        var now = START;

        for (int step = 0; step < COMMANDS_PER_RUN; step++) {
            // Time moves on by a random number of microseconds (sometimes nanoseconds, which are cut).
            now = now.plusNanos(1000L * (1 + random.nextInt(5_000_000)) + random.nextInt(1000));
            var command = Command.random(random, now);
            history.add(command.toString());
            var context = "seed " + seed + " (replay with -Dmcpconn.seed=" + seed + "), commands " + history;

            var expected = model.expect(command);
            boolean threw = false;
            try {
                command.apply(connection);
            } catch (DomainException e) {
                threw = true;
            }
            var events = connection.pullEvents();

            assertThat(threw).as(context + ": refused iff the table says so").isEqualTo(expected.isEmpty());
            if (expected.isPresent()) {
                applied++;
                model = expected.get().state();
                assertThat(events).as(context + ": events").containsExactlyElementsOf(expected.get().events());
            } else {
                assertThat(events).as(context + ": a refused command records nothing").isEmpty();
            }
            assertThat(connection.snapshot()).as(context + ": state").isEqualTo(model.state);
            assertThat(connection.isRemoved()).as(context + ": removed").isEqualTo(model.removed);
        }
        assertThat(applied).as("seed " + seed + " applies some commands").isPositive();
    }

    /** One random command, with its arguments fixed up front so the oracle sees the same ones. */
    private record Command(String name, Object argument, Instant now) {

        private static final InstanceId HOLDER = InstanceId.of("instance-a");

        static Command random(Random random, Instant now) {
            return switch (random.nextInt(10)) {
                case 0 -> new Command("startConnecting", null, now);
                case 1 -> new Command("markActive", randomTools(random), now);
                case 2 -> new Command("fail", random.nextInt(4) == 0 ? " " : "  timeout " + random.nextInt(9), now);
                case 3 -> new Command("startDisconnecting", null, now);
                case 4 -> new Command("disconnect", "requested", now);
                case 5 -> new Command("replaceTools", randomTools(random), now);
                case 6 -> new Command("reconfigure", random.nextBoolean() ? DomainFixtures.securedConfig()
                        : ConnectionConfig.stdio("npx", "-y", "x"), now);
                case 7 -> new Command("remove", random.nextInt(3) == 0 ? AgentId.of("intruder") : DomainFixtures.AGENT, now);
                case 8 -> new Command("recoverStaleSession", randomLease(random, now), now);
                default -> new Command("markSaved", random.nextBoolean() ? 1L : 2L, now);
            };
        }

        @SuppressWarnings("unchecked")
        void apply(McpConnection connection) {
            switch (name) {
                case "startConnecting" -> connection.startConnecting(now);
                case "markActive" -> connection.markActive((ToolCatalog) argument, now);
                case "fail" -> connection.fail((String) argument, now);
                case "startDisconnecting" -> connection.startDisconnecting(now);
                case "disconnect" -> connection.disconnect((String) argument, now);
                case "replaceTools" -> connection.replaceTools((ToolCatalog) argument, now);
                case "reconfigure" -> connection.reconfigure((ConnectionConfig) argument, now);
                case "remove" -> connection.remove((AgentId) argument, now);
                case "recoverStaleSession" -> connection.recoverStaleSession((Optional<SessionLease>) argument, now);
                default -> connection.markSaved(connection.version() + (Long) argument);
            }
        }

        private static Optional<SessionLease> randomLease(Random random, Instant now) {
            return switch (random.nextInt(3)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(SessionLease.take(ConnectionId.of("c-1"), DomainFixtures.NAMESPACE, HOLDER,
                        now.minusSeconds(60), Duration.ofSeconds(30)));
                default -> Optional.of(SessionLease.take(ConnectionId.of("c-1"), DomainFixtures.NAMESPACE, HOLDER,
                        now.minusSeconds(10), Duration.ofSeconds(30)));
            };
        }

        private static ToolCatalog randomTools(Random random) {
            var tools = new ArrayList<Tool>();
            for (var name : List.of("echo", "add", "store_memory", "search_memories")) {
                if (random.nextBoolean()) {
                    var description = random.nextBoolean() ? Optional.of("v" + random.nextInt(2)) : Optional.<String>empty();
                    tools.add(Tool.of(name, description, JsonValue.object(Map.of("type", JsonValue.string("object")))));
                }
            }
            return ToolCatalog.of(tools);
        }

        @Override
        public String toString() {
            return argument == null ? name : name + "(" + argument + ")";
        }
    }

    private record Outcome(Model state, List<McpConnectionEvent> events) {
    }

    /** What the connection must be: computed from the table and the command, never from the aggregate. */
    private static final class Model {
        final McpConnectionSnapshot state;
        final boolean removed;

        Model(McpConnectionSnapshot state) {
            this(state, false);
        }

        Model(McpConnectionSnapshot state, boolean removed) {
            this.state = state;
            this.removed = removed;
        }

        @SuppressWarnings("unchecked")
        Optional<Outcome> expect(Command command) {
            var s = state;
            var at = command.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            var id = s.id();
            var ns = s.namespace();
            var name = s.serverName();
            switch (command.name()) {
                case "startConnecting":
                    return move(ConnectionStatus.CONNECTING, at, Optional.empty(), s.tools(), s.connectedAt(),
                            s.disconnectedAt(), new ConnectingStarted(id, ns, name, at));
                case "markActive": {
                    var tools = (ToolCatalog) command.argument();
                    return move(ConnectionStatus.ACTIVE, at, s.lastError(), tools, Optional.of(at), s.disconnectedAt(),
                            new Connected(id, ns, name, tools.size(), at));
                }
                case "fail": {
                    var error = (String) command.argument();
                    if (error.isBlank()) {
                        return Optional.empty();
                    }
                    var kept = error.strip();
                    return move(ConnectionStatus.ERROR, at, Optional.of(new LastError(kept, at)), s.tools(),
                            s.connectedAt(), s.disconnectedAt(), new ConnectionFailed(id, ns, name, s.status(), kept, at));
                }
                case "startDisconnecting":
                    return move(ConnectionStatus.DISCONNECTING, at, s.lastError(), s.tools(), s.connectedAt(),
                            s.disconnectedAt(), new DisconnectingStarted(id, ns, name, at));
                case "disconnect":
                    return move(ConnectionStatus.DISCONNECTED, at, Optional.empty(), s.tools(), s.connectedAt(),
                            Optional.of(at), new Disconnected(id, ns, name, "requested",
                                    s.status() == ConnectionStatus.DISCONNECTING, at));
                case "recoverStaleSession": {
                    var lease = (Optional<SessionLease>) command.argument();
                    boolean stale = s.status().hasSession() && lease.map(l -> !l.isLiveAt(command.now())).orElse(true);
                    if (!stale) {
                        return Optional.of(new Outcome(this, List.of()));
                    }
                    var reason = lease.map(l -> "session lost: instance " + l.holder() + " stopped renewing its lease,"
                            + " which expired at " + l.expiresAt()).orElse("session lost: no running instance holds it");
                    return move(ConnectionStatus.DISCONNECTED, at, Optional.empty(), s.tools(), s.connectedAt(),
                            Optional.of(at), new Disconnected(id, ns, name, reason, false, at));
                }
                case "replaceTools": {
                    if (removed || s.status() != ConnectionStatus.ACTIVE) {
                        return Optional.empty();
                    }
                    var tools = (ToolCatalog) command.argument();
                    var changes = s.tools().changesTo(tools);
                    if (changes.isEmpty()) {
                        return Optional.of(new Outcome(this, List.of()));
                    }
                    return Optional.of(new Outcome(with(s.status(), s.config(), s.lastError(), tools, s.connectedAt(),
                            s.disconnectedAt(), Optional.of(at), s.version(), false),
                            List.of(new ToolsChanged(id, ns, name, changes, at))));
                }
                case "reconfigure": {
                    if (removed || s.status().hasSession()) {
                        return Optional.empty();
                    }
                    var config = (ConnectionConfig) command.argument();
                    if (config.equals(s.config())) {
                        return Optional.of(new Outcome(this, List.of()));
                    }
                    return Optional.of(new Outcome(with(s.status(), config, s.lastError(), s.tools(), s.connectedAt(),
                            s.disconnectedAt(), Optional.of(at), s.version(), false),
                            List.of(new ConfigurationChanged(id, ns, name, !config.transport().equals(s.config().transport()),
                                    !config.apiKey().equals(s.config().apiKey()), at))));
                }
                case "remove": {
                    var by = (AgentId) command.argument();
                    if (removed || s.status().hasSession() || !by.equals(s.agentId())) {
                        return Optional.empty();
                    }
                    return Optional.of(new Outcome(new Model(s, true), List.of(new ConnectionRemoved(id, ns, name, by, at))));
                }
                default: {
                    if ((Long) command.argument() != 1L) {
                        return Optional.empty();
                    }
                    return Optional.of(new Outcome(new Model(s.withVersion(s.version() + 1), removed), List.of()));
                }
            }
        }

        private Optional<Outcome> move(ConnectionStatus next, Instant at, Optional<LastError> lastError, ToolCatalog tools,
                                       Optional<Instant> connectedAt, Optional<Instant> disconnectedAt,
                                       McpConnectionEvent event) {
            if (removed || !state.status().canTransitionTo(next)) {
                return Optional.empty();
            }
            return Optional.of(new Outcome(with(next, state.config(), lastError, tools, connectedAt, disconnectedAt,
                    Optional.of(at), state.version(), false), List.of(event)));
        }

        private Model with(ConnectionStatus status, ConnectionConfig config, Optional<LastError> lastError,
                           ToolCatalog tools, Optional<Instant> connectedAt, Optional<Instant> disconnectedAt,
                           Optional<Instant> updatedAt, long version, boolean nowRemoved) {
            return new Model(new McpConnectionSnapshot(state.id(), state.serverName(), state.namespace(), state.agentId(),
                    config, status, tools, lastError, state.createdAt(), connectedAt, disconnectedAt, updatedAt, version),
                    removed || nowRemoved);
        }
    }
}
