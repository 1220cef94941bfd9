package io.mcpconn.testkit.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.LastError;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.domain.connection.SessionLeaseRepository;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seeded attack on tenant isolation, for every method of {@link McpConnectionRepository} and
 * {@link SessionLeaseRepository}: each method gets {@link #ATTEMPTS} attempts with the ids, server
 * names and agents of rows in other namespaces, random ids, and namespaces / agents / holders that
 * differ from real ones only in case, surrounding whitespace, normalisation form, an invisible
 * character or a lone surrogate.
 *
 * <p>A <em>leak</em> is any answer other than the one a truly missing row gets: reads are checked
 * against a model of what was stored; writes are run a second time with a fresh missing id and
 * must fail the same way, with the same message but for the id; a validation refusal must say
 * what is wrong and name nothing stored. A <em>modification</em> is any difference between the
 * stored state before and after an attempt: every namespace's rows and leases through the ports,
 * and for SQL adapters a raw dump of every table ({@link Storage#rawDump()}).
 *
 * <p>An adapter's test extends this class and implements {@link #open()}; the class shares one
 * storage across its tests, built once. Prints one figure line per method, e.g.
 * {@code cross-namespace adapter=sqlite method=findById attempts=1000 leaks=0 modifications=0}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CrossNamespaceAttackContract {

    /**
     * Prints one figure line of the suite (a subclass prints it: only tests may write to the standard
     * streams, by the architecture rules).
     */
    protected abstract void figure(String line);


    /** Attempts per method; {@code -Dmcpconn.attack.attempts} overrides it. */
    protected static final int ATTEMPTS = Integer.getInteger("mcpconn.attack.attempts", 1000);

    private static final int REPORTED = 5;

    /** Real namespaces: some differ from each other only in case or normalisation, on purpose. */
    private static final List<String> NAMESPACES = List.of("acme-corp", "ACME-CORP", "caf\u00E9-ns",
            Normalizer.normalize("caf\u00E9-ns", Normalizer.Form.NFD), "team_b", "\u03C9mega tenant",
            "tenant\uD83D\uDE00emoji");
    private static final List<String> AGENTS = List.of("agent-1", "Agent-1", "jos\u00E9", "\u05D0\u05D2\u05E0\u05D8",
            "bot 7");
    private static final List<String> SERVER_NAMES = List.of("tmws_mcp", "everything", "Files", "files", "git.hub",
            "x-1");
    private static final List<String> HOLDERS = List.of("instance-a", "Instance-A", "inst.b:1");

    /** What an adapter's test hands over: the two repositories on one fresh, empty storage. */
    protected record Storage(String adapter, McpConnectionRepository connections, SessionLeaseRepository leases,
                             Optional<Supplier<String>> rawDump, AutoCloseable resources) {
        public Storage {
            Objects.requireNonNull(adapter, "adapter");
            Objects.requireNonNull(connections, "connections");
            Objects.requireNonNull(leases, "leases");
            Objects.requireNonNull(rawDump, "rawDump");
            Objects.requireNonNull(resources, "resources");
        }
    }

    /** A fresh, empty storage; closed after the class's last test. */
    protected abstract Storage open();

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00.123456Z");
    private final Instant now = Instant.parse("2025-11-13T00:00:00Z");
    private final List<McpConnectionSnapshot> world = new ArrayList<>();
    private final List<SessionLease> worldLeases = new ArrayList<>();
    private final Set<String> attackedNamespaces = new LinkedHashSet<>();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private Storage storage;
    private AttackValues values;
    private String before;

    @BeforeAll
    void buildTheWorld() {
        storage = open();
        values = AttackValues.seeded("cross-namespace");
        var random = values.random();
        var statuses = ConnectionStatus.values();
        int holder = 0;
        for (var ns : NAMESPACES) {
            var namespace = Namespace.of(ns);
            for (var name : SERVER_NAMES.subList(0, 3 + random.nextInt(SERVER_NAMES.size() - 2))) {
                var agent = AgentId.of(values.pick(AGENTS));
                var connection = McpConnections.in(statuses[random.nextInt(statuses.length)], namespace, agent, name, clock);
                storage.connections().save(connection);
                if (random.nextBoolean()) {
                    // Saved twice or more, so that versions differ between rows.
                    for (int i = random.nextInt(3); i >= 0; i--) {
                        if (connection.status() == ConnectionStatus.ACTIVE) {
                            connection.replaceTools(io.mcpconn.testkit.fixtures.Tools.numbered(1 + random.nextInt(4)),
                                    clock.instant());
                        }
                        storage.connections().save(connection);
                        connection.pullEvents();
                    }
                }
                world.add(connection.snapshot());
                // Every other connection has a lease, half of them expired at `now`.
                if (random.nextInt(3) > 0) {
                    var acquired = now.minus(Duration.ofMinutes(5));
                    var lease = new SessionLease(connection.id(), namespace, InstanceId.of(HOLDERS.get(holder++
                            % HOLDERS.size())), acquired, random.nextBoolean() ? now.plus(Duration.ofHours(1))
                            : now.minus(Duration.ofMinutes(1)));
                    assertThat(storage.leases().tryAcquire(lease)).isTrue();
                    worldLeases.add(lease);
                }
            }
        }
        before = fullState();
        assertThat(before).as("the world reads back as stored").isEqualTo(expectedState());
    }

    @AfterAll
    void closeStorage() throws Exception {
        try {
            var total = figures.values().stream().mapToLong(line -> Long.parseLong(value(line, "attempts"))).sum();
            var leaks = figures.values().stream().mapToLong(line -> Long.parseLong(value(line, "leaks"))).sum();
            var modifications = figures.values().stream().mapToLong(line -> Long.parseLong(value(line,
                    "modifications"))).sum();
            figure(String.format(Locale.ROOT, "cross-namespace adapter=%s TOTAL methods=%d attempts=%d leaks=%d modifications=%d seed=%d",
                    storage.adapter(), figures.size(), total, leaks, modifications,
                    Long.getLong(AttackValues.SEED_PROPERTY, AttackValues.DEFAULT_SEED)));
        } finally {
            storage.resources().close();
        }
    }

    private static String value(String line, String key) {
        for (var part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return "0";
    }

    // ---- McpConnectionRepository -------------------------------------------------------------

    @Test
    void findById() {
        reads("findById", attack -> {
            var target = attack.target();
            var namespace = Namespace.of(attack.namespace());
            var id = attack.idOf(target);
            return new Answer(storage.connections().findById(namespace, id).map(McpConnection::snapshot).stream().toList(),
                    world.stream().filter(row -> row.namespace().equals(namespace) && row.id().equals(id)).toList());
        });
    }

    @Test
    void findByServerName() {
        reads("findByServerName", attack -> {
            var namespace = Namespace.of(attack.namespace());
            var name = ServerName.of(attack.maybeVariant(attack.target().serverName().value()));
            return new Answer(storage.connections().findByServerName(namespace, name).map(McpConnection::snapshot)
                    .stream().toList(),
                    world.stream().filter(row -> row.namespace().equals(namespace) && row.serverName().equals(name))
                            .toList());
        });
    }

    @Test
    void findByAgent() {
        reads("findByAgent", attack -> {
            var namespace = Namespace.of(attack.namespace());
            var agent = AgentId.of(attack.maybeVariant(attack.target().agentId().value()));
            return new Answer(all(request -> storage.connections().findByAgent(namespace, agent, request)),
                    world.stream().filter(row -> row.namespace().equals(namespace) && row.agentId().equals(agent))
                            .toList());
        });
    }

    @Test
    void findByStatus() {
        reads("findByStatus", attack -> {
            var namespace = Namespace.of(attack.namespace());
            var status = attack.target().status();
            return new Answer(all(request -> storage.connections().findByStatus(namespace, status, request)),
                    world.stream().filter(row -> row.namespace().equals(namespace) && row.status() == status).toList());
        });
    }

    @Test
    void findAll() {
        reads("findAll", attack -> {
            var namespace = Namespace.of(attack.namespace());
            return new Answer(all(request -> storage.connections().findAll(namespace, request)),
                    world.stream().filter(row -> row.namespace().equals(namespace)).toList());
        });
    }

    @Test
    void save() {
        writes("save", attack -> {
            var target = attack.target();
            var namespace = Namespace.of(attack.foreignNamespace());
            long version = attack.version(target);
            var forged = McpConnection.restore(forge(target, target.id(), namespace, attack.agent(target), version));
            var answer = outcome(() -> storage.connections().save(forged));
            if (forged.version() != version) {
                return "the refused copy was marked saved as version " + forged.version();
            }
            if (version == 0) {
                // A new connection cannot take an id that exists anywhere; the answer says only that.
                return expectRefusal(answer, ConcurrentUpdateException.class,
                        ConcurrentUpdateException.idTaken(target.id()).getMessage());
            }
            var missing = values.randomUuid();
            var reference = McpConnection.restore(forge(target, missing, namespace, forged.agentId(), version));
            return sameAs(answer, outcome(() -> storage.connections().save(reference)), missing, target.id());
        });
    }

    @Test
    void saveAll() {
        writes("saveAll", attack -> {
            var target = attack.target();
            var namespace = Namespace.of(attack.foreignNamespace());
            long version = 1 + values.random().nextInt(4);
            var forged = McpConnection.restore(forge(target, target.id(), namespace, attack.agent(target), version));
            // A new connection with the target's server name, in the attacker's namespace: must not clash with it.
            var sameName = McpConnection.register(target.serverName(), namespace, attack.agent(target),
                    target.config(), clock.instant());
            boolean forgedFirst = values.random().nextBoolean();
            var answer = outcome(() -> storage.connections().saveAll(forgedFirst ? List.of(forged, sameName)
                    : List.of(sameName, forged)));
            if (forged.version() != version || sameName.version() != 0) {
                return "a refused saveAll marked connections saved";
            }
            var missing = values.randomUuid();
            var reference = McpConnection.restore(forge(target, missing, namespace, forged.agentId(), version));
            return sameAs(answer, outcome(() -> storage.connections().saveAll(forgedFirst ? List.of(reference, sameName)
                    : List.of(sameName, reference))), missing, target.id());
        });
    }

    @Test
    void delete() {
        writes("delete", attack -> {
            var target = attack.target();
            var namespace = Namespace.of(attack.foreignNamespace());
            long version = attack.version(target);
            var forged = McpConnection.restore(forge(target, target.id(), namespace, attack.agent(target), version));
            forged.remove(forged.agentId(), clock.instant());
            var answer = outcome(() -> storage.connections().delete(forged));
            var missing = values.randomUuid();
            var reference = McpConnection.restore(forge(target, missing, namespace, forged.agentId(), version));
            reference.remove(reference.agentId(), clock.instant());
            return sameAs(answer, outcome(() -> storage.connections().delete(reference)), missing, target.id());
        });
    }

    // ---- SessionLeaseRepository --------------------------------------------------------------

    @Test
    void leaseFind() {
        reads("lease.find", attack -> {
            var namespace = Namespace.of(attack.namespace());
            var id = attack.idOf(attack.target());
            return new Answer(storage.leases().find(namespace, id).stream().toList(),
                    worldLeases.stream().filter(lease -> lease.namespace().equals(namespace)
                            && lease.connectionId().equals(id)).toList());
        });
    }

    @Test
    void leaseTryAcquire() {
        writes("lease.tryAcquire", attack -> {
            var lease = values.pick(worldLeases);
            var namespace = Namespace.of(attack.foreignNamespace(lease.namespace().value()));
            var holder = values.random().nextBoolean() ? lease.holder() : InstanceId.of(attack.maybeVariant(
                    lease.holder().value()));
            // Taken at a time when the stored lease has expired, or is still live, or by its own holder.
            var at = values.random().nextBoolean() ? now : now.plus(Duration.ofHours(2));
            var attempt = new SessionLease(lease.connectionId(), namespace, holder, at, at.plus(Duration.ofMinutes(1)));
            var answer = outcome(() -> storage.leases().tryAcquire(attempt));
            return answer.equals(new Outcome(Optional.of(false), null, null)) ? null
                    : "a lease of another namespace was answered " + answer + " instead of false";
        });
    }

    @Test
    void leaseRenewAll() {
        writes("lease.renewAll", attack -> {
            var real = values.pick(HOLDERS);
            var variant = values.variant(real);
            if (HOLDERS.contains(variant)) {
                variant = variant + "\u200B";
            }
            var holder = InstanceId.of(variant);
            var answer = outcome(() -> storage.leases().renewAll(holder, now.plus(Duration.ofHours(3))));
            return answer.equals(new Outcome(Optional.of(List.of()), null, null)) ? null
                    : "holder " + AttackValues.escaped(variant) + " renewed " + answer;
        });
    }

    @Test
    void leaseRelease() {
        writes("lease.release", attack -> {
            var lease = values.pick(worldLeases);
            var namespace = Namespace.of(attack.foreignNamespace(lease.namespace().value()));
            var holder = values.random().nextInt(4) > 0 ? lease.holder() : InstanceId.of(attack.maybeVariant(
                    lease.holder().value()));
            var answer = outcome(() -> storage.leases().release(namespace, lease.connectionId(), holder));
            return answer.equals(new Outcome(Optional.empty(), null, null)) ? null : "release answered " + answer;
        });
    }

    // ---- the attack loop ---------------------------------------------------------------------

    /** What a read answered and what a missing row gets according to the model. */
    private record Answer(List<?> actual, List<?> expected) {
    }

    /** What a call did: returned a value (empty for void), or threw. */
    private record Outcome(Optional<Object> returned, Class<?> thrown, String message) {
        @Override
        public String toString() {
            return thrown == null ? "returned " + returned.map(Object::toString).orElse("nothing")
                    : thrown.getSimpleName() + ": " + AttackValues.escaped(message);
        }
    }

    private static Outcome outcome(Runnable call) {
        return outcome(() -> {
            call.run();
            return null;
        });
    }

    private static Outcome outcome(Supplier<?> call) {
        try {
            return new Outcome(Optional.ofNullable(call.get()), null, null);
        } catch (RuntimeException e) {
            return new Outcome(Optional.empty(), e.getClass(), String.valueOf(e.getMessage()));
        }
    }

    private String expectRefusal(Outcome answer, Class<?> type, String message) {
        return type.equals(answer.thrown()) && message.equals(answer.message()) ? null
                : "answered " + answer + " instead of " + type.getSimpleName() + ": " + message;
    }

    /** The attempt on {@code asked} answered as the same attempt on a {@code missing} id. */
    private String sameAs(Outcome answer, Outcome reference, ConnectionId missing, ConnectionId asked) {
        if (reference.thrown() == null) {
            return "the reference attempt with missing id " + missing + " succeeded: " + reference;
        }
        var expected = reference.message().replace(missing.value(), asked.value());
        return Objects.equals(answer.thrown(), reference.thrown()) && expected.equals(answer.message()) ? null
                : "answered " + answer + " where a missing id gets " + reference.thrown().getSimpleName() + ": "
                        + AttackValues.escaped(expected);
    }

    private interface Read {
        Answer run(Attack attack);
    }

    private interface Write {
        /** Null if the answer was as for a missing row; otherwise what was wrong. */
        String run(Attack attack);
    }

    private void reads(String method, Read read) {
        attack(method, false, attack -> {
            var answer = read.run(attack);
            var expected = answer.expected().stream().allMatch(McpConnectionSnapshot.class::isInstance)
                    ? sorted(answer.expected().stream().map(McpConnectionSnapshot.class::cast).toList()) : answer.expected();
            return answer.actual().equals(expected) ? null
                    : "answered " + answer.actual() + " but the model has " + answer.expected();
        });
    }

    private void writes(String method, Write write) {
        attack(method, true, write::run);
    }

    private void attack(String method, boolean writes, Write attempt) {
        long started = System.nanoTime();
        attackedNamespaces.clear();
        var problems = new ArrayList<String>();
        int leaks = 0;
        int modifications = 0;
        int refused = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            var attack = new Attack(values.pick(world));
            String problem;
            try {
                problem = attempt.run(attack);
            } catch (InvalidValueException e) {
                // A validation refusal: it must say what is wrong and reveal no stored row.
                refused++;
                problem = revealing(e.getMessage(), attack);
            } catch (RuntimeException | AssertionError e) {
                problem = "threw " + e;
            }
            if (problem != null) {
                leaks++;
                if (problems.size() < REPORTED) {
                    problems.add("attempt " + i + " " + attack + ": " + problem);
                }
            }
            // Reads are checked in full every 100 attempts; writes after each attempt.
            if (writes || i % 100 == 99 || i == ATTEMPTS - 1) {
                var after = writes && i % 50 != 49 && storage.rawDump().isPresent() ? null : fullState();
                String dump = storage.rawDump().map(Supplier::get).orElse(null);
                if ((after != null && !after.equals(before)) || (dump != null && !dump.equals(rawBefore()))) {
                    modifications++;
                    if (problems.size() < REPORTED) {
                        problems.add("attempt " + i + " " + attack + " changed the stored state");
                    }
                    restoreBaseline();
                }
            }
        }
        // Without a raw dump, the namespaces attempts named are read too: nothing may have been written there.
        var unchanged = fullState(storage.rawDump().isEmpty());
        if (!unchanged.equals(before) || storage.rawDump().map(Supplier::get).filter(dump -> !dump.equals(rawBefore()))
                .isPresent()) {
            modifications++;
            problems.add("the stored state differs after " + method);
        }
        var line = String.format(java.util.Locale.ROOT,
                "cross-namespace adapter=%s method=%s attempts=%d leaks=%d modifications=%d refused-by-validation=%d"
                        + " time=%dms", storage.adapter(), method, ATTEMPTS, leaks, modifications, refused,
                (System.nanoTime() - started) / 1_000_000);
        figure(line);
        figures.put(method, line);
        assertThat(problems).as("%s on %s %s", method, storage.adapter(), values.reproduce()).isEmpty();
    }

    private String rawBaseline;

    private String rawBefore() {
        if (rawBaseline == null) {
            rawBaseline = storage.rawDump().map(Supplier::get).orElse("");
        }
        return rawBaseline;
    }

    // After a modification the next attempts are compared with the changed state, so each change counts once.
    private void restoreBaseline() {
        before = fullState();
        rawBaseline = storage.rawDump().map(Supplier::get).orElse("");
    }

    /** Null if {@code message} says what is wrong and names nothing stored; otherwise what it reveals. */
    private String revealing(String message, Attack attack) {
        if (message == null || message.isBlank()) {
            return "refused without a message";
        }
        var cleaned = message;
        for (var input : attack.inputs) {
            cleaned = cleaned.replace(input, "<input>");
        }
        for (var row : world) {
            if (cleaned.contains(row.id().value())) {
                return "the refusal \"" + AttackValues.escaped(message) + "\" names stored id " + row.id();
            }
        }
        if (cleaned.matches("(?s).*version \\d.*")) {
            return "the refusal \"" + AttackValues.escaped(message) + "\" names a version";
        }
        if (!(cleaned.contains("must") || cleaned.contains("may only"))) {
            return "the refusal \"" + AttackValues.escaped(message) + "\" does not say what is wrong";
        }
        return null;
    }

    /** One attempt: a target row of some namespace, and the values drawn to reach it from elsewhere. */
    private final class Attack {
        private final McpConnectionSnapshot target;
        private final List<String> inputs = new ArrayList<>();

        Attack(McpConnectionSnapshot target) {
            this.target = target;
        }

        McpConnectionSnapshot target() {
            return target;
        }

        /** A namespace other than the target's: another real one, or a variant of its own (possibly invalid). */
        String namespace() {
            var random = values.random();
            String chosen;
            int roll = random.nextInt(10);
            if (roll < 4) {
                chosen = otherReal(target.namespace().value());
            } else {
                chosen = values.variant(target.namespace().value());
            }
            inputs.add(chosen);
            if (isValid(chosen)) {
                attackedNamespaces.add(chosen);
            }
            return chosen;
        }

        /** A valid namespace other than {@code of}'s, for writes (invalid ones never reach a write). */
        String foreignNamespace(String of) {
            for (int tries = 0; ; tries++) {
                var chosen = values.random().nextInt(10) < 4 || tries > 20 ? otherReal(of) : values.variant(of);
                if (isValid(chosen) && !chosen.equals(of)) {
                    inputs.add(chosen);
                    attackedNamespaces.add(chosen);
                    return chosen;
                }
            }
        }

        String foreignNamespace() {
            return foreignNamespace(target.namespace().value());
        }

        /** The target's id (mostly), a random id, or a case variant of its id. */
        ConnectionId idOf(McpConnectionSnapshot row) {
            int roll = values.random().nextInt(10);
            if (roll < 7) {
                return row.id();
            }
            if (roll < 9) {
                return values.randomId();
            }
            var variant = values.variant(row.id().value());
            inputs.add(variant);
            return ConnectionId.of(variant);
        }

        /** {@code real} itself, or one of its variants. */
        String maybeVariant(String real) {
            var chosen = values.random().nextBoolean() ? real : values.variant(real);
            inputs.add(chosen);
            return chosen;
        }

        AgentId agent(McpConnectionSnapshot row) {
            for (int tries = 0; ; tries++) {
                var chosen = values.random().nextBoolean() || tries > 20 ? row.agentId().value()
                        : values.variant(row.agentId().value());
                if (isValid(chosen)) {
                    return AgentId.of(chosen);
                }
            }
        }

        long version(McpConnectionSnapshot row) {
            int roll = values.random().nextInt(10);
            return roll < 6 ? row.version() : roll < 8 ? 0 : 1 + values.random().nextInt(9);
        }

        @Override
        public String toString() {
            return "on " + target.id() + " of namespace " + AttackValues.escaped(target.namespace().value()) + " with "
                    + inputs.stream().map(AttackValues::escaped).toList();
        }
    }

    private String otherReal(String of) {
        return values.pick(NAMESPACES.stream().filter(ns -> !ns.equals(of)).toList());
    }

    private static boolean isValid(String namespace) {
        try {
            Namespace.of(namespace);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private McpConnectionSnapshot forge(McpConnectionSnapshot target, ConnectionId id, Namespace namespace,
                                        AgentId agent, long version) {
        return new McpConnectionSnapshot(id, target.serverName(), namespace, agent, target.config(),
                ConnectionStatus.ERROR, target.tools(), Optional.of(new LastError("forged", clock.instant())),
                target.createdAt(), target.connectedAt(), target.disconnectedAt(), Optional.of(clock.instant()), version);
    }

    private static List<McpConnectionSnapshot> all(Function<PageRequest, Page<McpConnection>> pages) {
        var rows = new ArrayList<McpConnectionSnapshot>();
        var request = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            var page = pages.apply(request);
            page.items().forEach(connection -> rows.add(connection.snapshot()));
            if (!page.unreadable().isEmpty()) {
                throw new AssertionError("unreadable rows " + page.unreadable());
            }
            if (page.next().isEmpty()) {
                return sorted(rows);
            }
            request = PageRequest.after(page.next().get(), PageRequest.MAX_SIZE);
        }
    }

    private static List<McpConnectionSnapshot> sorted(List<McpConnectionSnapshot> rows) {
        var copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing((McpConnectionSnapshot row) -> row.createdAt()).reversed()
                .thenComparing(row -> row.id().value(), Comparator.reverseOrder()));
        return copy;
    }

    /** Every real namespace's rows and leases, through the ports. */
    private String fullState() {
        return fullState(false);
    }

    /**
     * Every real namespace's rows and leases, through the ports, and if {@code attacked} those of every
     * namespace an attempt of this method named (which must be none, unless it is a real one).
     */
    private String fullState(boolean attacked) {
        var state = new TreeMap<String, Object>();
        var namespaces = new LinkedHashSet<>(NAMESPACES);
        if (attacked) {
            namespaces.addAll(attackedNamespaces);
        }
        for (var ns : namespaces) {
            var namespace = Namespace.of(ns);
            var rows = all(request -> storage.connections().findAll(namespace, request));
            if (!rows.isEmpty()) {
                state.put("rows " + AttackValues.escaped(ns), rows);
            }
            var leases = new ArrayList<SessionLease>();
            for (var row : world) {
                storage.leases().find(namespace, row.id()).ifPresent(leases::add);
            }
            if (!leases.isEmpty()) {
                state.put("leases " + AttackValues.escaped(ns), leases);
            }
        }
        return state.toString();
    }

    /** What {@link #fullState()} must read: the model. */
    private String expectedState() {
        var state = new TreeMap<String, Object>();
        for (var ns : NAMESPACES) {
            var namespace = Namespace.of(ns);
            state.put("rows " + AttackValues.escaped(ns), sorted(world.stream()
                    .filter(row -> row.namespace().equals(namespace)).toList()));
            var leases = new ArrayList<SessionLease>();
            for (var row : world) {
                worldLeases.stream().filter(lease -> lease.connectionId().equals(row.id())
                        && lease.namespace().equals(namespace)).forEach(leases::add);
            }
            if (!leases.isEmpty()) {
                state.put("leases " + AttackValues.escaped(ns), leases);
            }
        }
        return state.toString();
    }
}
