package io.mcpconn.runtime.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.disconnect.DisconnectCommand;
import io.mcpconn.application.query.ListConnectionsQuery;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.application.removal.RemoveConnectionCommand;
import io.mcpconn.application.tool.CallToolCommand;
import io.mcpconn.application.tool.RefreshToolsCommand;
import io.mcpconn.application.transfer.ImportCommand;
import io.mcpconn.application.transfer.ImportEntry;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.secrets.SecretKeyRing;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.infrastructure.postgres.database.PostgresLocation;
import io.mcpconn.runtime.Mcpconn;
import io.mcpconn.runtime.McpconnBuilder;
import io.mcpconn.testkit.attack.AttackValues;
import io.mcpconn.testkit.attack.RawTables;
import io.mcpconn.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-namespace attack on every use case of {@link Mcpconn}, on each adapter: register,
 * connect, refresh tools, call tool, disconnect, remove, get, list, export and import, each
 * {@link #ATTEMPTS} times with the ids and server names of connections in other namespaces, random
 * ids, and namespaces / agents that differ from real ones only in case, surrounding whitespace,
 * normalisation, an invisible character or a lone surrogate. Each answer must be the one a missing
 * connection gets (the same call is made with a missing id or name, and must fail the same way with
 * the same message but for the id or name), or a validation refusal that names nothing stored;
 * nothing may reach the MCP client, no event may be published, and the stored rows (read raw for
 * SQL adapters) must be unchanged. Seeded: {@code -Dmcpconn.attack.seed}.
 */
class UseCaseCrossNamespaceAttackTest {

    private static final int ATTEMPTS = Integer.getInteger("mcpconn.attack.attempts", 1000);
    private static final int REPORTED = 5;
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final List<String> NAMESPACES = List.of("acme-corp", "ACME-CORP", "caf\u00E9-ns",
            Normalizer.normalize("caf\u00E9-ns", Normalizer.Form.NFD), "team_b", "tenant\uD83D\uDE00emoji");
    private static final List<String> AGENTS = List.of("agent-1", "Agent-1", "jos\u00E9");
    private static final List<String> NAMES = List.of("tmws_mcp", "everything", "Files", "files");

    @TempDir
    Path directory;

    @Test
    void in_memory() throws Exception {
        attack("in-memory", Mcpconn.inMemory(), null);
    }

    @Test
    void sqlite() throws Exception {
        var file = directory.resolve("attack.db");
        var builder = Mcpconn.sqlite(file).secrets(SecretsAtRest.sealed(SecretKeyRing.parse(KEY, "test"), "test"));
        // Started before the raw connection opens, so that the database exists and is migrated.
        attack("sqlite", builder, () -> DriverManager.getConnection("jdbc:sqlite:" + file));
    }

    @Test
    void postgresql() throws Exception {
        var server = PostgresServer.shared();
        var database = server.createDatabase("use_case_attack");
        var options = PostgresDatabaseOptions.of(PostgresLocation.parse(server.jdbcUrl(database)))
                .withUser(server.user()).withPassword(server.password()).withPoolSize(4);
        attack("postgresql", Mcpconn.postgres(options).secrets(SecretsAtRest.sealed(SecretKeyRing.parse(KEY, "test"),
                "test")), () -> DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password()));
    }

    private interface RawConnection {
        Connection open() throws SQLException;
    }

    /** A stored connection as the test registered it. */
    private record Row(ConnectionId id, Namespace namespace, AgentId agent, ServerName name, ConnectionStatus status) {
    }

    /** What a call did: returned (described), or threw. */
    private record Outcome(String returned, Class<?> thrown, String message) {
        static Outcome of(Function<Void, Object> call) {
            try {
                return new Outcome(String.valueOf(call.apply(null)), null, null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass(), String.valueOf(e.getMessage()));
            }
        }

        @Override
        public String toString() {
            return thrown == null ? "returned " + AttackValues.escaped(returned) : thrown.getSimpleName() + ": "
                    + AttackValues.escaped(message);
        }
    }

    private void attack(String adapter, McpconnBuilder builder, RawConnection raw) throws Exception {
        long started = System.nanoTime();
        var values = AttackValues.seeded("use-cases");
        var client = new RecordingMcpClient();
        var events = new CopyOnWriteArrayList<McpConnectionEvent>();
        var figures = new ArrayList<String>();
        var problems = new ArrayList<String>();
        try (var mcp = builder.mcpClient(client).events(stored -> events.add(stored.event()))
                .leaseDuration(Duration.ofHours(1)).start();
             var sql = raw == null ? null : raw.open()) {
            var world = new ArrayList<Row>();
            for (var ns : NAMESPACES) {
                var namespace = Namespace.of(ns);
                for (var name : NAMES.subList(0, 2 + values.random().nextInt(NAMES.size() - 1))) {
                    var agent = AgentId.of(values.pick(AGENTS));
                    var registered = mcp.register().handle(new RegisterConnectionCommand(namespace, agent,
                            ServerName.of(name), ConnectionConfig.http("http://localhost:8080/" + name)));
                    var status = ConnectionStatus.DISCONNECTED;
                    if (values.random().nextBoolean()) {
                        mcp.connect().handle(new ConnectCommand(namespace, ConnectionRef.of(registered.connection().id())));
                        status = ConnectionStatus.ACTIVE;
                    }
                    world.add(new Row(registered.connection().id(), namespace, agent, ServerName.of(name), status));
                }
            }
            var context = new Context(mcp, world, values, client, events, sql);
            context.baseline();

            context.run("register", figures, problems, attempt -> {
                var ns = attempt.namespaceWithout(attempt.target.name());
                var agent = attempt.agent();
                var registration = mcp.register().handle(new RegisterConnectionCommand(ns, agent, attempt.target.name(),
                        ConnectionConfig.http("http://localhost:8080/other")));
                var connection = registration.connection();
                // A new connection of the attacker's own: nothing of the other namespace's row in it.
                String problem = null;
                if (!registration.created() || connection.id().equals(attempt.target.id()) || connection.version() != 1
                        || !connection.namespace().equals(ns) || !connection.tools().tools().isEmpty()
                        || connection.status() != ConnectionStatus.DISCONNECTED) {
                    problem = "registered as " + connection.snapshot();
                }
                mcp.remove().handle(new RemoveConnectionCommand(ns, agent, ConnectionRef.of(connection.id())));
                context.expectEvents(2);
                return problem;
            });
            context.run("connect", figures, problems, attempt -> attempt.asMissing(ref -> mcp.connect().handle(
                    new ConnectCommand(attempt.namespace, ref))));
            context.run("refreshTools", figures, problems, attempt -> attempt.asMissing(ref -> mcp.refreshTools().handle(
                    new RefreshToolsCommand(attempt.namespace, ref))));
            context.run("callTool", figures, problems, attempt -> attempt.asMissing(ref -> mcp.callTool().handle(
                    new CallToolCommand(attempt.namespace, ref, "echo", JsonValue.object(Map.of("message",
                            JsonValue.string("hello")))))));
            context.run("disconnect", figures, problems, attempt -> attempt.asMissing(ref -> mcp.disconnect().handle(
                    DisconnectCommand.requested(attempt.namespace, ref))));
            context.run("remove", figures, problems, attempt -> {
                var agent = values.random().nextBoolean() ? attempt.target.agent() : attempt.agent();
                return attempt.asMissing(ref -> mcp.remove().handle(new RemoveConnectionCommand(attempt.namespace, agent,
                        ref)));
            });
            context.run("connections.get", figures, problems, attempt -> attempt.asMissing(ref -> mcp.connections()
                    .get(attempt.namespace, ref)));
            context.run("connections.list", figures, problems, attempt -> {
                var ns = attempt.anyNamespace();
                int filter = values.random().nextInt(3);
                var owner = filter == 1 ? Optional.of(attempt.agent()) : Optional.<AgentId>empty();
                var status = filter == 2 ? Optional.of(attempt.target.status()) : Optional.<ConnectionStatus>empty();
                var page = mcp.connections().list(new ListConnectionsQuery(ns, owner, status, PageRequest.first(100)));
                var actual = page.items().stream().map(view -> view.connection().id().value())
                        .collect(Collectors.toCollection(TreeSet::new));
                var expected = world.stream().filter(row -> row.namespace().equals(ns)
                        && owner.map(row.agent()::equals).orElse(true) && status.map(s -> s == row.status()).orElse(true))
                        .map(row -> row.id().value()).collect(Collectors.toCollection(TreeSet::new));
                return actual.equals(expected) ? null : "listed " + actual + " but the namespace has " + expected;
            });
            context.run("exportConnections", figures, problems, attempt -> {
                var ns = attempt.anyNamespace();
                var owner = values.random().nextBoolean() ? Optional.of(attempt.agent()) : Optional.<AgentId>empty();
                var export = mcp.exportConnections().handle(ns, owner);
                Set<String> actual = export.servers().stream().map(server -> server.name().value() + "@"
                        + server.config()).collect(Collectors.toCollection(TreeSet::new));
                Set<String> expected = world.stream().filter(row -> row.namespace().equals(ns)
                        && owner.map(row.agent()::equals).orElse(true))
                        .map(row -> row.name().value() + "@" + ConnectionConfig.http("http://localhost:8080/"
                                + row.name().value())).collect(Collectors.toCollection(TreeSet::new));
                return actual.equals(expected) && export.unreadable().isEmpty() ? null
                        : "exported " + actual + " but the namespace has " + expected;
            });
            context.run("importConnections", figures, problems, attempt -> {
                var ns = attempt.namespaceWithout(attempt.target.name());
                var agent = attempt.agent();
                boolean update = values.random().nextBoolean();
                var config = values.random().nextBoolean() ? ConnectionConfig.http("http://localhost:8080/"
                        + attempt.target.name().value()) : ConnectionConfig.http("http://localhost:9999/x");
                var report = mcp.importConnections().handle(new ImportCommand(ns, agent,
                        List.of(ImportEntry.valid(attempt.target.name().value(), config)), update, true));
                var missing = "missing-" + values.randomUuid().value();
                var reference = mcp.importConnections().handle(new ImportCommand(ns, agent,
                        List.of(ImportEntry.valid(missing, config)), update, true));
                var actual = report.lines().get(0);
                var expected = reference.lines().get(0);
                return actual.action() == expected.action() && actual.detail().equals(expected.detail()) ? null
                        : "imported as " + actual + " where a missing name gets " + expected;
            });

            context.finalCheck(problems);
            long total = figures.stream().mapToLong(line -> Long.parseLong(line.replaceAll(".* attempts=(\\d+) .*", "$1")))
                    .sum();
            long leaks = figures.stream().mapToLong(line -> Long.parseLong(line.replaceAll(".* leaks=(\\d+) .*", "$1")))
                    .sum();
            long modifications = figures.stream().mapToLong(line -> Long.parseLong(line.replaceAll(
                    ".* modifications=(\\d+) .*", "$1"))).sum();
            System.out.printf(Locale.ROOT, "cross-namespace use-cases adapter=%s TOTAL use-cases=%d attempts=%d leaks=%d"
                    + " modifications=%d client=%s time=%.1fs seed=%d%n", adapter, figures.size(), total, leaks,
                    modifications, client.counts(), (System.nanoTime() - started) / 1e9,
                    Long.getLong(AttackValues.SEED_PROPERTY, AttackValues.DEFAULT_SEED));
        }
        assertThat(problems).as("use cases on %s %s", adapter, AttackValues.seeded("use-cases").reproduce()).isEmpty();
    }

    private interface Step {
        /** Null if the attempt was answered as for a missing connection; otherwise what was wrong. */
        String run(Attempt attempt);
    }

    /** The instance under attack, what it holds, and the checks after each attempt. */
    private final class Context {
        private final Mcpconn mcp;
        private final List<Row> world;
        private final AttackValues values;
        private final RecordingMcpClient client;
        private final List<McpConnectionEvent> events;
        private final Connection sql;
        private String state;
        private String raw;
        private String clientCounts;
        private int eventCount;
        private int expectedEvents;

        Context(Mcpconn mcp, List<Row> world, AttackValues values, RecordingMcpClient client,
                List<McpConnectionEvent> events, Connection sql) {
            this.mcp = mcp;
            this.world = world;
            this.values = values;
            this.client = client;
            this.events = events;
            this.sql = sql;
        }

        void baseline() throws SQLException {
            state = state();
            raw = raw();
            clientCounts = client.counts();
            eventCount = events.size();
        }

        void expectEvents(int count) {
            expectedEvents += count;
        }

        /** Every real namespace's connections as the use cases show them, session and lease included. */
        private String state() {
            var out = new LinkedHashMap<String, Object>();
            for (var ns : NAMESPACES) {
                out.put(AttackValues.escaped(ns), mcp.connections().list(ListConnectionsQuery.all(Namespace.of(ns))).items()
                        .stream().map(view -> view.connection() + " " + view.session()).toList());
            }
            return out.toString();
        }

        private String raw() throws SQLException {
            if (sql == null) {
                return "";
            }
            var connections = new ArrayList<>(RawTables.query(sql, "SELECT * FROM mcp_connections"));
            connections.sort(null);
            var leases = new ArrayList<>(RawTables.query(sql, "SELECT * FROM mcp_session_leases"));
            leases.sort(null);
            return connections + "\n" + leases;
        }

        void run(String useCase, List<String> figures, List<String> problems, Step step) throws SQLException {
            long started = System.nanoTime();
            int leaks = 0;
            int modifications = 0;
            int refused = 0;
            var reported = new ArrayList<String>();
            for (int i = 0; i < ATTEMPTS; i++) {
                var attempt = new Attempt(values.pick(world), values, world);
                expectedEvents = 0;
                String problem;
                try {
                    attempt.namespace = attempt.foreignNamespace();
                    problem = step.run(attempt);
                } catch (InvalidValueException e) {
                    refused++;
                    problem = revealing(e.getMessage(), attempt);
                } catch (RuntimeException | AssertionError e) {
                    problem = "threw " + e;
                }
                if (!client.counts().equals(clientCounts)) {
                    problem = (problem == null ? "" : problem + "; ") + "reached the MCP client: " + client.counts()
                            + " after " + clientCounts;
                    clientCounts = client.counts();
                }
                if (problem != null) {
                    leaks++;
                    if (reported.size() < REPORTED) {
                        reported.add(useCase + " attempt " + i + " " + attempt + ": " + problem);
                    }
                }
                boolean changed = events.size() != eventCount + expectedEvents;
                eventCount = events.size();
                // The stored rows are read raw after every 20th attempt and at the end; the use cases' view at the end.
                if (changed || i % 20 == 19 || i == ATTEMPTS - 1) {
                    var now = raw();
                    var view = i == ATTEMPTS - 1 || raw.isEmpty() && i % 100 == 99 ? state() : state;
                    if (changed || !now.equals(raw) || !view.equals(state)) {
                        modifications++;
                        if (reported.size() < REPORTED) {
                            reported.add(useCase + " attempt " + i + " " + attempt + " changed what is stored"
                                    + (changed ? " (published events " + events.subList(Math.max(0, events.size() - 3),
                                    events.size()) + ")" : ""));
                        }
                        raw = now;
                        state = view;
                    }
                }
            }
            var line = String.format(Locale.ROOT, "cross-namespace adapter=%s method=%s attempts=%d leaks=%d"
                    + " modifications=%d refused-by-validation=%d time=%dms", adapterName(), useCase, ATTEMPTS, leaks,
                    modifications, refused, (System.nanoTime() - started) / 1_000_000);
            System.out.println(line);
            figures.add(line);
            problems.addAll(reported);
        }

        private String adapterName() {
            return sql == null ? "in-memory(use-cases)" : describe(sql) + "(use-cases)";
        }

        void finalCheck(List<String> problems) throws SQLException {
            if (!state().equals(state) || !raw().equals(raw)) {
                problems.add("the stored state differs at the end");
            }
        }

        private String revealing(String message, Attempt attempt) {
            var cleaned = message;
            for (var input : attempt.inputs) {
                cleaned = cleaned.replace(input, "<input>");
            }
            for (var row : world) {
                if (cleaned.contains(row.id().value())) {
                    return "the refusal \"" + AttackValues.escaped(message) + "\" names stored id " + row.id();
                }
            }
            return cleaned.contains("must") || cleaned.contains("may only") ? null
                    : "the refusal \"" + AttackValues.escaped(message) + "\" does not say what is wrong";
        }
    }

    private static String describe(Connection sql) {
        try {
            return sql.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            return "sql";
        }
    }

    /** One attempt on a target row from another namespace. */
    private static final class Attempt {
        private final Row target;
        private final AttackValues values;
        private final List<Row> world;
        private final List<String> inputs = new ArrayList<>();
        private Namespace namespace;

        Attempt(Row target, AttackValues values, List<Row> world) {
            this.target = target;
            this.values = values;
            this.world = world;
        }

        /** Another real namespace, or a variant of the target's (possibly refused by validation). */
        Namespace foreignNamespace() {
            var chosen = values.random().nextInt(10) < 4
                    ? values.pick(NAMESPACES.stream().filter(ns -> !ns.equals(target.namespace().value())).toList())
                    : values.variant(target.namespace().value());
            inputs.add(chosen);
            return Namespace.of(chosen);
        }

        /** A namespace other than the target's in which no connection has {@code name}. */
        Namespace namespaceWithout(ServerName name) {
            for (int tries = 0; tries < 50; tries++) {
                var candidate = foreignNamespace();
                if (world.stream().noneMatch(row -> row.namespace().equals(candidate) && row.name().equals(name))) {
                    return candidate;
                }
            }
            return Namespace.of(target.namespace().value() + "\u200B");
        }

        /** Any namespace, real or a variant, for the queries checked against the model. */
        Namespace anyNamespace() {
            return values.random().nextInt(5) == 0 ? target.namespace() : namespace;
        }

        AgentId agent() {
            var chosen = values.random().nextBoolean() ? target.agent().value() : values.variant(target.agent().value());
            inputs.add(chosen);
            return AgentId.of(chosen);
        }

        /**
         * Null if {@code call} on the target (by id or name, as it exists elsewhere, or a case variant)
         * in the attempt's namespace answers exactly as on a missing id or name.
         */
        String asMissing(Function<ConnectionRef, Object> call) {
            boolean byId = values.random().nextBoolean();
            String asked;
            String missing;
            if (byId) {
                asked = values.random().nextInt(5) > 0 ? target.id().value() : target.id().value().toUpperCase(Locale.ROOT);
                missing = values.randomUuid().value();
            } else {
                asked = target.name().value();
                if (world.stream().anyMatch(row -> row.namespace().equals(namespace) && row.name().value().equals(asked))) {
                    // The attacker's namespace has that name itself: ask by id instead.
                    return asMissingById(call);
                }
                missing = "missing-" + values.randomUuid().value();
            }
            inputs.add(asked);
            var ref = byId ? ConnectionRef.of(ConnectionId.of(asked)) : ConnectionRef.named(asked);
            var missingRef = byId ? ConnectionRef.of(ConnectionId.of(missing)) : ConnectionRef.named(missing);
            return compare(Outcome.of(unused -> call.apply(ref)), Outcome.of(unused -> call.apply(missingRef)), missing,
                    asked);
        }

        private String asMissingById(Function<ConnectionRef, Object> call) {
            var missing = values.randomUuid().value();
            inputs.add(target.id().value());
            return compare(Outcome.of(unused -> call.apply(ConnectionRef.of(target.id()))),
                    Outcome.of(unused -> call.apply(ConnectionRef.of(ConnectionId.of(missing)))), missing,
                    target.id().value());
        }

        private static String compare(Outcome answer, Outcome reference, String missing, String asked) {
            if (reference.thrown() == null) {
                return "the reference call on missing " + missing + " succeeded: " + reference;
            }
            var expected = reference.message().replace(missing, asked);
            return Objects.equals(answer.thrown(), reference.thrown()) && expected.equals(answer.message()) ? null
                    : "answered " + answer + " where a missing one gets " + reference.thrown().getSimpleName() + ": "
                            + AttackValues.escaped(expected);
        }

        @Override
        public String toString() {
            return "on " + target.id() + " (" + target.name() + ") of namespace " + AttackValues.escaped(
                    target.namespace().value()) + " with " + inputs.stream().map(AttackValues::escaped).toList();
        }
    }
}
