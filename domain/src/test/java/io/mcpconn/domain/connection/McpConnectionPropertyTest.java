package io.mcpconn.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.fixtures.DomainFixtures;
import io.mcpconn.domain.fixtures.TickingClock;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolCatalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random command sequences against one aggregate. Each seed is one reproducible run; a failure
 * names its seed and the commands so far, and {@code -Dmcpconn.seed=N} replays just that seed.
 */
class McpConnectionPropertyTest {

    private static final int SEEDS = 500;
    private static final int COMMANDS_PER_RUN = 60;

    static LongStream seeds() {
        var replay = System.getProperty("mcpconn.seed");
        if (replay != null) {
            return LongStream.of(Long.parseLong(replay));
        }
        return LongStream.range(0, SEEDS).map(i -> 0x5EED_0000L + i);
    }

    private record Command(String name, Consumer<McpConnection> action) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_command_either_applies_a_legal_transition_with_one_event_or_throws_and_changes_nothing(long seed) {
        var random = new Random(seed);
        var clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
        var connection = DomainFixtures.disconnected(clock);
        connection.pullEvents();
        var reachable = reachableFrom(ConnectionStatus.initial());
        var history = new ArrayList<String>();

        for (int step = 0; step < COMMANDS_PER_RUN; step++) {
            var command = randomCommand(random);
            history.add(command.name());
            var before = connection.snapshot();
            var context = "seed " + seed + " (replay with -Dmcpconn.seed=" + seed + "), commands " + history;

            DomainException thrown = null;
            try {
                command.action().accept(connection);
            } catch (DomainException e) {
                thrown = e;
            }
            var events = connection.pullEvents();
            var after = connection.snapshot();

            if (thrown != null) {
                assertThat(after).as(context + ": a refused command leaves the connection unchanged").isEqualTo(before);
                assertThat(events).as(context + ": a refused command records nothing").isEmpty();
            } else if (after.status() != before.status()) {
                assertThat(before.status().canTransitionTo(after.status()))
                        .as(context + ": " + before.status() + " -> " + after.status() + " is in the table").isTrue();
                assertThat(events).as(context + ": a transition records exactly one event").hasSize(1);
            } else if (command.name().equals("markSaved")) {
                assertThat(events).as(context + ": saving records nothing").isEmpty();
                assertThat(after.version()).as(context).isEqualTo(before.version() + 1);
            } else if (command.name().startsWith("reconfigure")) {
                assertThat(events).as(context + ": event iff the configuration changed")
                        .hasSize(before.config().equals(after.config()) ? 0 : 1);
            } else {
                // Only a tool replacement keeps the status otherwise; it records one event iff the tools changed.
                assertThat(command.name()).as(context).startsWith("replaceTools");
                assertThat(events).as(context + ": event iff tools changed")
                        .hasSize(before.tools().equals(after.tools()) ? 0 : 1);
            }
            assertThat(reachable).as(context + ": status reachable from DISCONNECTED").contains(after.status());
        }
    }

    private static Command randomCommand(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> new Command("startConnecting", McpConnection::startConnecting);
            case 1 -> {
                var tools = randomTools(random);
                yield new Command("markActive(" + tools + ")", c -> c.markActive(tools));
            }
            case 2 -> new Command("fail", c -> c.fail(random.nextBoolean() ? "timeout" : " "));
            case 3 -> new Command("startDisconnecting", McpConnection::startDisconnecting);
            case 4 -> new Command("disconnect", c -> c.disconnect("requested"));
            case 5 -> {
                var tools = randomTools(random);
                yield new Command("replaceTools(" + tools + ")", c -> c.replaceTools(tools));
            }
            case 6 -> {
                var config = random.nextBoolean() ? DomainFixtures.securedConfig() : ConnectionConfig.stdio("npx", "-y", "x");
                yield new Command("reconfigure(" + config.transport() + ")", c -> c.reconfigure(config));
            }
            default -> new Command("markSaved", c -> c.markSaved(c.version() + (random.nextBoolean() ? 1 : 2)));
        };
    }

    private static ToolCatalog randomTools(Random random) {
        var names = List.of("echo", "add", "store_memory", "search_memories");
        var tools = new ArrayList<Tool>();
        for (var name : names) {
            if (random.nextBoolean()) {
                var description = random.nextBoolean() ? Optional.of("v" + random.nextInt(2)) : Optional.<String>empty();
                tools.add(Tool.of(name, description, JsonValue.object(Map.of("type", JsonValue.string("object")))));
            }
        }
        return ToolCatalog.of(tools);
    }

    private static Set<ConnectionStatus> reachableFrom(ConnectionStatus start) {
        var seen = EnumSet.of(start);
        var queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            for (var next : queue.poll().allowedTransitions()) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }
}
