package io.mcpconn.infrastructure.sqlite.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant isolation survives any text: identifiers accept only well-formed Unicode, and no two
 * distinct accepted values reach the same stored row. A namespace {@code "acme\uD800"} was stored
 * as {@code "acme?"} and then read by {@code "acme\uDBFF"}, {@code "acme\uDFFF"} and {@code "acme?"}.
 */
class IdentifierIsolationTest {

    private static final long SEED = Long.getLong("mcpconn.seed", 20261202L);

    @TempDir
    Path directory;

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");

    @Test
    void malformed_unicode_is_refused_for_every_identifier_so_it_never_reaches_the_database() {
        for (var lone : List.of("acme\uD800", "acme\uDBFF", "acme\uDFFF", "\uDC00acme")) {
            assertThatThrownBy(() -> Namespace.of(lone)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("namespace must be well-formed Unicode text");
            assertThatThrownBy(() -> AgentId.of(lone)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("agent id must be well-formed");
            assertThatThrownBy(() -> ServerName.of(lone)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> io.mcpconn.domain.tool.Tool.of(lone, java.util.Optional.empty(),
                    io.mcpconn.domain.tool.Tool.NO_ARGUMENTS)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("tool name must be well-formed");
        }
    }

    @Test
    void no_two_distinct_accepted_namespaces_or_agents_reach_each_others_rows() {
        var random = new Random(SEED);
        var distinct = new java.util.LinkedHashSet<>(List.of("acme", "acme?", "acme\uFFFD", "ACME", "acme ", " acme", "acme\u200B",
                "café", Normalizer.normalize("café", Normalizer.Form.NFD), "acme\uD83D\uDE00", "acme\uD83D\uDE01",
                "ａｃｍｅ", "acme\u202E", "acme\u00A0"));
        while (distinct.size() < 60) {
            distinct.add(randomText(random));
        }
        var values = new ArrayList<>(distinct);
        try (var database = SqliteDatabase.open(directory.resolve("tmws.db"))) {
            new SchemaMigrator(database).migrate();
            var repository = new SqliteMcpConnectionRepository(database);
            var saved = new ArrayList<McpConnection>();
            for (var value : values) {
                var connection = McpConnections.in(ConnectionStatus.ACTIVE, Namespace.of(value), AgentId.of(value),
                        "tmws_mcp", clock);
                repository.save(connection);
                saved.add(connection);
            }
            for (int i = 0; i < values.size(); i++) {
                var namespace = Namespace.of(values.get(i));
                var mine = saved.get(i);
                var page = repository.findAll(namespace, PageRequest.first(100));
                assertThat(page.items()).as("namespace %s sees only its own row (seed %d)", escaped(values.get(i)), SEED)
                        .containsExactly(mine);
                assertThat(repository.findByAgent(namespace, AgentId.of(values.get(i)), PageRequest.first(100)).items())
                        .containsExactly(mine);
                assertThat(repository.findByServerName(namespace, ServerName.of("tmws_mcp"))).contains(mine);
                for (int j = 0; j < values.size(); j++) {
                    if (i != j) {
                        var other = saved.get(j);
                        assertThat(repository.findById(namespace, other.id())).as("%s reads %s (seed %d)",
                                escaped(values.get(i)), escaped(values.get(j)), SEED).isEmpty();
                        assertThat(repository.findByAgent(namespace, AgentId.of(values.get(j)), PageRequest.first(10))
                                .items()).isEmpty();
                    }
                }
                var intruder = McpConnection.restore(repository.findById(namespace, mine.id()).orElseThrow().snapshot());
                var victim = saved.get((i + 1) % values.size());
                var forged = McpConnection.restore(new io.mcpconn.domain.connection.McpConnectionSnapshot(victim.id(),
                        victim.serverName(), namespace, intruder.agentId(), victim.config(), ConnectionStatus.ERROR,
                        victim.tools(), java.util.Optional.of(new io.mcpconn.domain.connection.LastError("x",
                                clock.instant())), victim.createdAt(), victim.connectedAt(), victim.disconnectedAt(),
                        victim.updatedAt(), victim.version()));
                forged.remove(intruder.agentId(), clock.instant());
                assertThat(catchThrowable(() -> repository.delete(forged)))
                        .isInstanceOf(McpConnectionNotFoundException.class);
            }
            for (var connection : saved) {
                assertThat(repository.findById(connection.namespace(), connection.id())).contains(connection);
            }
        }
    }

    // Letters from several scripts, look-alikes, combining marks, invisible and directional
    // characters and astral-plane code points, as surrogate pairs.
    private static String randomText(Random random) {
        int[] pool = {'a', 'A', '?', ' ', '-', 0x00E9, 0x0065, 0x0301, 0x200B, 0x200D, 0x202E, 0xFEFF, 0xFFFD, 0x0430,
            0x03B1, 0x4E2D, 0x1F600, 0x1D538, 0x10FFFD, 0x0130, 0x0131, 0xFF41};
        var text = new StringBuilder("t");
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return text.toString();
    }

    private static String escaped(String text) {
        var out = new StringBuilder();
        text.codePoints().forEach(cp -> out.append(cp < 0x80 && cp >= 0x20 ? String.valueOf((char) cp)
                : String.format("\\u{%X}", cp)));
        return out.toString();
    }
}
