package io.mcpconn.testkit.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import io.mcpconn.testkit.fixtures.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seeded injection attack on a {@link McpConnectionRepository}: namespaces, agent ids, server names,
 * tool names, tool titles and descriptions and tool schemas (keys and string values) holding quotes,
 * {@code ;}, {@code --}, NUL and other control characters, 4-byte UTF-8, right-to-left marks, lone
 * surrogates and 10 KB strings. Each value is either refused by validation with a message that
 * says what is wrong with it, or stored and read back exactly (the whole snapshot, and for SQL
 * adapters the raw column values); the schema is unchanged afterwards, and no other row changed.
 *
 * <p>An adapter's test extends this class and implements {@link #open()}. Prints one figure line
 * per field and a total, e.g. {@code injection adapter=sqlite field=namespace cases=80 stored=60 refused=20 failures=0}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InjectionAttackContract {

    /**
     * Prints one figure line of the suite (a subclass prints it: only tests may write to the standard
     * streams, by the architecture rules).
     */
    protected abstract void figure(String line);


    /** Seeded random values per field on top of the fixed ones; {@code -Dmcpconn.attack.injections} overrides it. */
    protected static final int RANDOM_CASES = Integer.getInteger("mcpconn.attack.injections", 60);

    private static final int REPORTED = 8;
    private static final String TEN_KB = "x".repeat(10 * 1024);

    /** The fixed payloads: every one is tried in every field. */
    public static final List<String> PAYLOADS = List.of("'", "\"", "`", "' OR '1'='1", "\" OR \"1\"=\"1",
            "x'); DROP TABLE mcp_connections; --", "\"; DELETE FROM mcp_connections; --", ";", "--", "-- comment",
            "/* c */", "\\", "\\'", "%", "_", "%_%", "?", "$1", ":name", "null", "NULL", "{\"a\":1}", "[]", "\u0000",
            "a\u0000b", "'\u0000--", "\n", "tab\there", "cr\rlf\n", "\u007F", "\uD83D\uDE00", "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\uD834\uDD1E", "\u200Frtl\u200F", "abc\u202Edcba", "\u202B\u05E9\u05DC\u05D5\u05DD\u202C", "\uD800",
            "a\uDC00", "\uDBFF\uDBFF", "\uFEFF", "\uFFFD", "\uFFFF", TEN_KB, "\uD83D\uDE00".repeat(2600),
            "'".repeat(10 * 1024), " ", "", "Caf\u00E9", "Cafe\u0301");

    /** What an adapter's test hands over: the repository on a fresh storage, and raw SQL access if it has any. */
    protected record Storage(String adapter, McpConnectionRepository connections, Optional<Sql> sql,
                             AutoCloseable resources) {
        public Storage {
            Objects.requireNonNull(adapter, "adapter");
            Objects.requireNonNull(connections, "connections");
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(resources, "resources");
        }
    }

    /** Raw access to a SQL adapter's database, past the adapter. */
    protected interface Sql {
        /** The rows {@code query} answers, as {@link RawTables#query} gives them. */
        List<String> query(String query);

        /** The schema: tables, columns, indexes, as the database describes them. */
        String schema();
    }

    /** A fresh, empty storage; closed after the class's last test. */
    protected abstract Storage open();

    /**
     * A known, reported adapter bug that explains why {@code failure} happened for {@code payload} in
     * {@code field}, if one does; such cases are counted as {@code known-bug} in the figures rather
     * than failing, and must still change nothing. None by default.
     */
    protected Optional<String> knownBug(String field, String payload, Throwable failure) {
        return Optional.empty();
    }

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00.123456Z");
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<McpConnectionSnapshot> bystanders = new ArrayList<>();
    private Storage storage;
    private AttackValues values;
    private String schemaBefore;
    private String rowsBefore;

    @BeforeAll
    void storeBystanders() {
        storage = open();
        values = AttackValues.seeded("injection");
        for (var status : ConnectionStatus.values()) {
            var connection = McpConnections.in(status, McpConnections.NAMESPACE, McpConnections.AGENT,
                    "bystander-" + status.storageName(), clock);
            storage.connections().save(connection);
            bystanders.add(connection.snapshot());
        }
        schemaBefore = storage.sql().map(Sql::schema).orElse("");
        rowsBefore = rows();
    }

    @AfterAll
    void close() throws Exception {
        try {
            long cases = 0;
            long failures = 0;
            for (var line : figures.values()) {
                cases += Long.parseLong(line.replaceAll(".* cases=(\\d+) .*", "$1"));
                failures += Long.parseLong(line.replaceAll(".* failures=(\\d+).*", "$1"));
            }
            figure(String.format(Locale.ROOT, "injection adapter=%s TOTAL fields=%d cases=%d failures=%d seed=%d", storage.adapter(),
                    figures.size(), cases, failures, Long.getLong(AttackValues.SEED_PROPERTY, AttackValues.DEFAULT_SEED)));
        } finally {
            storage.resources().close();
        }
    }

    @Test
    void namespace() {
        attack("namespace", payload -> new Case(() -> McpConnections.in(ConnectionStatus.DISCONNECTED,
                Namespace.of(payload), McpConnections.AGENT, "injected", clock), problems(payload, 255)));
    }

    @Test
    void agentId() {
        attack("agentId", payload -> new Case(() -> McpConnections.in(ConnectionStatus.DISCONNECTED,
                McpConnections.NAMESPACE, AgentId.of(payload), "injected", clock), problems(payload, 255)));
    }

    @Test
    void serverName() {
        attack("serverName", payload -> {
            var problems = problems(payload, 255);
            if (!Pattern.matches("[A-Za-z0-9_.-]+", payload)) {
                problems.add("may only contain letters, digits, '_', '.' and '-'");
            }
            // The injected namespace keeps a server name that happens to be a bystander's from clashing.
            return new Case(() -> McpConnections.in(ConnectionStatus.DISCONNECTED, Namespace.of("injection"),
                    McpConnections.AGENT, payload, clock), problems);
        });
    }

    @Test
    void toolName() {
        attack("toolName", payload -> {
            var problems = problems(payload, Tool.MAX_NAME_LENGTH);
            if (payload.chars().anyMatch(Character::isWhitespace)) {
                problems.add("must not contain whitespace");
            }
            return withTool(() -> Tool.of(payload, Optional.of("a tool"), Tool.NO_ARGUMENTS), problems);
        });
    }

    @Test
    void toolDescription() {
        attack("toolDescription", payload -> withTool(() -> Tool.of("injected_tool", Optional.of(payload),
                Tool.NO_ARGUMENTS), wellFormedOnly(payload)));
    }

    @Test
    void toolTitle() {
        attack("toolTitle", payload -> withTool(() -> new Tool("injected_tool", Optional.of(payload), Optional.empty(),
                Tool.NO_ARGUMENTS, Optional.empty(), io.mcpconn.domain.tool.ToolAnnotations.NONE,
                io.mcpconn.domain.tool.ToolCategory.infer("injected_tool", Optional.empty())), wellFormedOnly(payload)));
    }

    @Test
    void toolSchema() {
        attack("toolSchema", payload -> withTool(() -> {
            var property = new LinkedHashMap<String, JsonValue>();
            property.put("type", JsonValue.string("string"));
            property.put("description", JsonValue.string(payload));
            property.put("enum", new JsonValue.JsonArray(List.of(JsonValue.string(payload), JsonValue.string("plain"))));
            property.put("default", JsonValue.string(payload));
            var properties = new LinkedHashMap<String, JsonValue>();
            properties.put(payload, JsonValue.object(property));
            properties.put("plain", JsonValue.object(Map.of("type", JsonValue.string("string"))));
            var schema = new LinkedHashMap<String, JsonValue>(Tools.objectSchema(properties, List.of(payload)).members());
            schema.put("x-" + payload, JsonValue.string(payload));
            return Tool.of("injected_tool", Optional.of("schema attack"), JsonValue.object(schema));
        }, wellFormedOnly(payload)));
    }

    // ---- the attack loop ---------------------------------------------------------------------

    /** How to build the connection holding a payload, and what is wrong with the payload, if anything. */
    private record Case(Supplier<McpConnection> connection, List<String> problems) {
    }

    private interface Cases {
        Case of(String payload);
    }

    private Case withTool(Supplier<Tool> tool, List<String> problems) {
        return new Case(() -> {
            var built = tool.get();
            var connection = McpConnections.in(ConnectionStatus.ACTIVE, McpConnections.NAMESPACE,
                    McpConnections.AGENT, "injected", clock);
            connection.replaceTools(ToolCatalog.of(built, Tools.echo()), clock.instant());
            connection.fail("failed with the tool " + built.name(), clock.instant());
            connection.pullEvents();
            return connection;
        }, problems);
    }

    /** What {@link io.mcpconn.domain.shared.Checks#text} refuses in {@code value}, as the words its message uses. */
    private static List<String> problems(String value, int maxLength) {
        var problems = wellFormedOnly(value);
        if (value.isBlank()) {
            problems.add("must not be blank");
        }
        if (value.length() > maxLength) {
            problems.add("must be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl((char) c))) {
            problems.add("must not contain control characters");
        }
        return problems;
    }

    private static List<String> wellFormedOnly(String value) {
        var problems = new ArrayList<String>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                problems.add("must be well-formed Unicode text");
                break;
            }
        }
        return problems;
    }

    private void attack(String field, Cases cases) {
        long started = System.nanoTime();
        var payloads = new ArrayList<>(PAYLOADS);
        for (int i = 0; i < RANDOM_CASES; i++) {
            payloads.add(randomPayload());
        }
        var failures = new ArrayList<String>();
        int failed = 0;
        int known = 0;
        int stored = 0;
        int refused = 0;
        for (int i = 0; i < payloads.size(); i++) {
            var payload = payloads.get(i);
            String problem;
            var built = cases.of(payload);
            McpConnection connection = null;
            try {
                connection = built.connection().get();
            } catch (InvalidValueException e) {
                refused++;
                problem = built.problems().stream().anyMatch(e.getMessage()::contains) ? null
                        : "refused with \"" + AttackValues.escaped(e.getMessage()) + "\", which names none of "
                                + built.problems();
                connection = null;
                if (problem != null) {
                    failed++;
                    report(failures, field, i, payload, problem);
                }
                continue;
            } catch (RuntimeException e) {
                failed++;
                report(failures, field, i, payload, "building the connection threw " + e);
                continue;
            }
            try {
                problem = storedExactly(connection);
                stored++;
            } catch (InvalidValueException e) {
                // Refused by the adapter: fine if it says what is wrong with the value.
                refused++;
                problem = built.problems().stream().anyMatch(e.getMessage()::contains) || e.getMessage().contains(
                        "cannot be stored") ? null : "the adapter refused it with \"" + AttackValues.escaped(
                        e.getMessage()) + "\"";
            } catch (RuntimeException | AssertionError e) {
                problem = "saving or reading it back failed: " + AttackValues.escaped(String.valueOf(e));
                if (knownBug(field, payload, e).isPresent()) {
                    known++;
                    problem = null;
                }
            } finally {
                cleanUp(connection);
            }
            if (problem == null) {
                var rows = rows();
                if (!rows.equals(rowsBefore)) {
                    problem = "other rows changed (or the row was left behind)";
                    rowsBefore = rows;
                }
            }
            if (problem == null && (i % 20 == 19 || i == payloads.size() - 1)) {
                var schema = storage.sql().map(Sql::schema).orElse("");
                if (!schema.equals(schemaBefore)) {
                    problem = "the schema changed: " + schema;
                    schemaBefore = schema;
                }
            }
            if (problem != null) {
                failed++;
                report(failures, field, i, payload, problem);
            }
        }
        var line = String.format(Locale.ROOT, "injection adapter=%s field=%s cases=%d stored=%d refused=%d known-bug=%d"
                + " failures=%d time=%dms", storage.adapter(), field, payloads.size(), stored, refused, known, failed,
                (System.nanoTime() - started) / 1_000_000);
        figure(line);
        figures.put(field, line);
        assertThat(storage.sql().map(Sql::schema).orElse("")).as("schema after %s", field).isEqualTo(schemaBefore);
        assertThat(failures).as("%s on %s %s", field, storage.adapter(), values.reproduce()).isEmpty();
    }

    private static void report(List<String> failures, String field, int i, String payload, String problem) {
        if (failures.size() < REPORTED) {
            var shown = payload.length() > 60 ? payload.substring(0, 60) + "…(" + payload.length() + " chars)" : payload;
            failures.add(field + " case " + i + " \"" + AttackValues.escaped(shown) + "\": " + problem);
        }
    }

    /** Null if {@code connection} saves and reads back exactly, by every query and in its raw columns. */
    private String storedExactly(McpConnection connection) {
        var expected = connection.snapshot();
        storage.connections().save(connection);
        expected = expected.withVersion(connection.version());
        var byId = storage.connections().findById(connection.namespace(), connection.id()).map(McpConnection::snapshot);
        if (!byId.equals(Optional.of(expected))) {
            return "read back by id as " + byId.map(s -> AttackValues.escaped(s.toString())).orElse("nothing")
                    + differences(expected, byId);
        }
        var byName = storage.connections().findByServerName(connection.namespace(), connection.serverName())
                .map(McpConnection::snapshot);
        if (!byName.equals(Optional.of(expected))) {
            return "read back by server name differently";
        }
        var byAgent = storage.connections().findByAgent(connection.namespace(), connection.agentId(),
                PageRequest.first(100)).items().stream().map(McpConnection::snapshot).toList();
        if (!byAgent.contains(expected)) {
            return "not listed for its agent exactly";
        }
        if (storage.sql().isPresent()) {
            var raw = storage.sql().get().query("SELECT namespace, agent_id, server_name FROM mcp_connections WHERE id = '"
                    + connection.id().value() + "'");
            var wanted = RawTables.row(List.of("namespace", "agent_id", "server_name"), List.of(expected.namespace().value(),
                    expected.agentId().value(), expected.serverName().value()));
            if (!raw.equals(List.of(wanted))) {
                return "stored raw as " + raw + " instead of " + wanted;
            }
        }
        return null;
    }

    private static String differences(McpConnectionSnapshot expected, Optional<McpConnectionSnapshot> actual) {
        if (actual.isEmpty()) {
            return "";
        }
        var a = actual.get();
        var out = new StringBuilder(" (differs in");
        if (!a.namespace().equals(expected.namespace())) {
            out.append(" namespace");
        }
        if (!a.agentId().equals(expected.agentId())) {
            out.append(" agent");
        }
        if (!a.serverName().equals(expected.serverName())) {
            out.append(" server name");
        }
        if (!a.tools().equals(expected.tools())) {
            out.append(" tools: ").append(AttackValues.escaped(a.tools().tools().toString()));
        }
        return out.append(')').toString();
    }

    private void cleanUp(McpConnection connection) {
        try {
            var stored = storage.connections().findById(connection.namespace(), connection.id());
            if (stored.isPresent()) {
                var row = stored.get();
                if (row.status() != ConnectionStatus.DISCONNECTED && row.status() != ConnectionStatus.ERROR) {
                    row.fail("clean up", clock.instant());
                    storage.connections().save(row);
                }
                row.remove(row.agentId(), clock.instant());
                storage.connections().delete(row);
            }
        } catch (RuntimeException e) {
            // Left behind: the rows check reports it.
        }
    }

    /** The bystanders as read through the port, and for SQL adapters both tables' raw rows. */
    private String rows() {
        var out = new StringBuilder();
        out.append(storage.connections().findAll(McpConnections.NAMESPACE, PageRequest.first(100)).items().stream()
                .map(McpConnection::snapshot).toList());
        storage.sql().ifPresent(sql -> {
            var connections = new ArrayList<>(sql.query("SELECT * FROM mcp_connections"));
            connections.sort(null);
            var leases = new ArrayList<>(sql.query("SELECT * FROM mcp_session_leases"));
            leases.sort(null);
            out.append(connections).append(leases);
        });
        return out.toString();
    }

    private String randomPayload() {
        var random = values.random();
        var out = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            var part = values.pick(PAYLOADS);
            out.append(part.length() > 100 ? part.substring(0, 1 + random.nextInt(100)) : part);
            if (random.nextBoolean()) {
                out.append((char) ('a' + random.nextInt(26)));
            }
        }
        return out.toString();
    }
}
