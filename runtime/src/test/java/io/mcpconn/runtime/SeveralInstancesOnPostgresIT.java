package io.mcpconn.runtime;

import static io.mcpconn.runtime.InstanceWorkload.TEAM;
import static io.mcpconn.runtime.InstanceWorkload.serverName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionView;
import io.mcpconn.application.connection.ConnectionView.Where;
import io.mcpconn.application.connection.SessionHeldElsewhereException;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.infrastructure.jdbc.secrets.SecretKeyRing;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.infrastructure.postgres.database.PostgresLocation;
import io.mcpconn.testkit.postgres.PostgresServer;
import io.mcpconn.testkit.servers.Commands;
import io.mcpconn.testkit.servers.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runtime instances, each a process of its own ({@link InstanceWorkload}), on one fresh
 * PostgreSQL database, doing the same work at the same moment: registering the same names, saving
 * the same few connections over and over, connecting the same connections to MCP's reference
 * server. Then the one holding sessions is killed, and this JVM's own instance must leave its
 * sessions alone until their leases expire, and recover them after. The figures are counted, not
 * timed: every outcome of every operation is accounted for.
 */
class SeveralInstancesOnPostgresIT {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final long LEASE_MILLIS = 2000;
    private static final int NAMES = 50;
    /** Few connections, many saves: the two instances collide often. */
    private static final List<String> CONTENDED = List.of(serverName(0), serverName(1), serverName(2));
    private static final int SAVE_ROUNDS = 150;
    private static final List<String> LIVE = List.of(serverName(NAMES - 2), serverName(NAMES - 1));
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void two_instances_share_one_database_without_losing_a_write_or_a_session() throws Exception {
        long started = System.nanoTime();
        var server = PostgresServer.shared();
        var database = server.createDatabase("several_instances");
        var options = PostgresDatabaseOptions.of(PostgresLocation.parse(server.jdbcUrl(database)))
                .withUser(server.user()).withPassword(server.password()).withPoolSize(4);
        var instances = new ArrayList<Instance>();
        var figures = new StringBuilder();
        // Started first, so that it alone migrates the new database; it is the instance that survives.
        try (var survivor = Mcpconn.postgres(options).instanceId(InstanceId.of("survivor"))
                .leaseDuration(Duration.ofMillis(LEASE_MILLIS))
                .secrets(SecretsAtRest.sealed(SecretKeyRing.parse(KEY, "test"), "test")).start()) {
            instances.add(Instance.start(server, database, "instance-a", 0, directory));
            instances.add(Instance.start(server, database, "instance-b", 1, directory));
            for (var instance : instances) {
                instance.awaitDone("READY");
            }

            var registrations = registerTheSameNames(survivor, instances, server, database);
            var saves = saveTheSameConnections(survivor, instances);
            var holders = connectTheSameConnections(survivor, instances, server, database);
            var held = instances.stream().map(instance -> instance.id + "="
                    + holders.values().stream().filter(instance::equals).count()).collect(Collectors.joining(", "));
            var recovery = killAHolderAndRecover(survivor, instances, holders, server, database);

            figures.append(registrations).append(", ").append(saves).append(", connects=")
                    .append(instances.size() * LIVE.size()).append(" (sessions held by ").append(held)
                    .append(", held-elsewhere refusals=").append((instances.size() - 1) * LIVE.size()).append("), ")
                    .append(recovery);
        } finally {
            instances.forEach(Instance::destroy);
        }

        var left = new ArrayList<ProcessHandle>();
        instances.forEach(instance -> left.addAll(instance.tree()));
        ProcessHandle.current().descendants().filter(SeveralInstancesOnPostgresIT::runsServerEverything).forEach(left::add);
        assertThat(Processes.awaitGone(left, Duration.ofSeconds(10))).as("no instance or MCP server outlives the test")
                .isEmpty();
        assertThat(server.psql(database, "SELECT count(*) FROM mcp_session_leases")).as("every lease released").isEqualTo("0");
        System.out.printf("SeveralInstancesOnPostgresIT: %s; %.1f s%n", figures,
                (System.nanoTime() - started) / 1e9);
    }

    /** 1. Both instances register the same names for different agents: one of them wins each name. */
    private static String registerTheSameNames(Mcpconn survivor, List<Instance> instances, PostgresServer server,
                                            String database) {
        // Name by name, both at once: an instance that ran ahead would find every name taken before it raced for it.
        var outputs = instances.stream().<List<String>>map(instance -> new ArrayList<>()).toList();
        for (int i = 0; i < NAMES; i++) {
            var answers = together(instances, "REGISTER " + serverName(i));
            for (int k = 0; k < instances.size(); k++) {
                outputs.get(k).addAll(answers.get(k));
            }
        }
        int refusals = 0;
        var wins = new TreeMap<String, Integer>();
        instances.forEach(instance -> wins.put(instance.id, 0));
        for (int i = 0; i < NAMES; i++) {
            var name = serverName(i);
            var won = new ArrayList<String>();
            for (int k = 0; k < instances.size(); k++) {
                var answer = outputs.get(k).stream().filter(line -> line.split(" ")[1].equals(name)).toList();
                assertThat(answer).as("%s's answer for %s", instances.get(k).id, name).hasSize(1);
                var words = answer.get(0).split(" ");
                if (words[0].equals("REGISTERED")) {
                    won.add(instances.get(k).id + " " + words[2]);
                    wins.merge(instances.get(k).id, 1, Integer::sum);
                } else {
                    assertThat(words[0]).as("%s's answer for %s", instances.get(k).id, name).isEqualTo("DUPLICATE");
                    refusals++;
                }
            }
            assertThat(won).as("registrations of %s that succeeded", name).hasSize(1);
            var stored = stored(survivor, name);
            assertThat(stored.agentId().value() + " " + stored.id()).isEqualTo("agent-" + won.get(0));
        }
        assertThat(refusals).isEqualTo(NAMES);
        assertThat(server.psql(database, "SELECT count(*) FROM mcp_connections")).isEqualTo(Integer.toString(NAMES));
        return "registrations=" + instances.size() * NAMES + " (won by " + wins.toString().replaceAll("[{}]", "")
                + ", duplicate-name refusals=" + refusals + ")";
    }

    /**
     * 2. Both instances load, reconfigure and save the same few connections round after round. Every
     * version after the registration's is written exactly once, and the stored one is the last.
     */
    private static String saveTheSameConnections(Mcpconn survivor, List<Instance> instances) {
        var before = new HashMap<String, Long>();
        CONTENDED.forEach(name -> before.put(stored(survivor, name).id().value(), stored(survivor, name).version()));

        var outputs = together(instances, "SAVE " + SAVE_ROUNDS + " " + String.join(" ", CONTENDED));
        var written = new TreeMap<String, List<Long>>();
        int conflicts = 0;
        for (var output : outputs) {
            for (var line : output) {
                var words = line.split(" ");
                assertThat(before).as("a connection the saves were told to change").containsKey(words[1]);
                if (words[0].equals("SAVED")) {
                    written.computeIfAbsent(words[1], id -> new ArrayList<>()).add(Long.parseLong(words[2]));
                } else {
                    assertThat(words[0]).isEqualTo("CONFLICT");
                    conflicts++;
                }
            }
        }
        int saved = written.values().stream().mapToInt(List::size).sum();
        assertThat(saved + conflicts).as("every save answered").isEqualTo(instances.size() * SAVE_ROUNDS);

        long lost = 0;
        long twice = 0;
        var expected = new TreeMap<String, List<Long>>();
        var actual = new TreeMap<String, List<Long>>();
        for (var name : CONTENDED) {
            var stored = stored(survivor, name);
            var versions = written.getOrDefault(stored.id().value(), List.of());
            long first = before.get(stored.id().value()) + 1;
            twice += versions.size() - versions.stream().distinct().count();
            // Every successful save must have moved the stored version on by one: any shortfall was overwritten.
            lost += Math.abs(stored.version() - (first - 1) - versions.size());
            expected.put(name, LongStream.range(first, first + versions.size()).boxed().toList());
            actual.put(name, versions.stream().sorted().toList());
            assertThat(stored.version()).as("the stored version of %s after %d successful saves from version %d",
                    name, versions.size(), first - 1).isEqualTo(first - 1 + versions.size());
        }
        assertThat(twice).as("versions written twice (optimistic locking let two saves of one version through)")
                .isZero();
        assertThat(actual).as("the versions each connection was saved as").isEqualTo(expected);
        assertThat(lost).as("writes lost").isZero();
        assertThat(conflicts).as("conflicts: without them the instances never raced").isPositive();
        return "saves=" + (saved + conflicts) + " (written=" + saved + ", conflicts=" + conflicts + ", lost writes=" + lost
                + ", versions written twice=" + twice + ")";
    }

    /** 3. Both instances connect the same connections: each live session has one holder, in the lease table too. */
    private static Map<String, Instance> connectTheSameConnections(Mcpconn survivor, List<Instance> instances,
                                                                   PostgresServer server, String database) {
        var outputs = together(instances, "CONNECT " + String.join(" ", LIVE));
        var holders = new HashMap<String, Instance>();
        for (var name : LIVE) {
            var holding = new ArrayList<Instance>();
            for (int k = 0; k < instances.size(); k++) {
                var answer = outputs.get(k).stream().filter(line -> line.split(" ")[1].equals(name)).toList();
                assertThat(answer).as("%s's answer for %s", instances.get(k).id, name).hasSize(1);
                var words = answer.get(0).split(" ");
                if (words[0].equals("HOLDING")) {
                    holding.add(instances.get(k));
                } else {
                    assertThat(words[0]).as("%s's answer for %s", instances.get(k).id, name).isEqualTo("ELSEWHERE");
                }
            }
            assertThat(holding).as("instances holding the session of %s", name).hasSize(1);
            holders.put(name, holding.get(0));
            var view = view(survivor, name);
            assertThat(view.connection().status()).isEqualTo(ConnectionStatus.ACTIVE);
            assertThat(view.session().where()).isEqualTo(Where.ELSEWHERE);
            assertThat(view.session().lease().orElseThrow().holder().value()).isEqualTo(holding.get(0).id);
        }
        assertThat(leaseTable(server, database)).as("the lease table").isEqualTo(LIVE.stream().collect(
                Collectors.toMap(name -> stored(survivor, name).id().value(), name -> holders.get(name).id)));
        return holders;
    }

    /**
     * 4. The instance holding the most sessions is killed: its sessions stay its own until their
     * leases expire, then this JVM's instance recovers them; the other instance keeps its own.
     */
    private static String killAHolderAndRecover(Mcpconn survivor, List<Instance> instances, Map<String, Instance> holders,
                                                PostgresServer server, String database) throws InterruptedException {
        var victim = instances.stream().max((x, y) -> Long.compare(
                holders.values().stream().filter(x::equals).count(), holders.values().stream().filter(y::equals).count()))
                .orElseThrow();
        var orphaned = LIVE.stream().filter(name -> holders.get(name) == victim).toList();
        var kept = LIVE.stream().filter(name -> holders.get(name) != victim).toList();
        victim.kill();

        var expiries = new HashMap<String, Instant>();
        for (var name : orphaned) {
            var view = view(survivor, name);
            assertThat(view.session().where()).as("%s right after its holder died", name).isEqualTo(Where.ELSEWHERE);
            expiries.put(name, view.session().lease().orElseThrow().expiresAt());
        }
        // Tried again and again while the leases live: never taken.
        int refusedBeforeExpiry = 0;
        var pending = new ArrayList<>(orphaned);
        long deadline = System.nanoTime() + Duration.ofMillis(3 * LEASE_MILLIS).toNanos();
        while (!pending.isEmpty()) {
            assertThat(System.nanoTime()).as("the leases of %s expire", pending).isLessThan(deadline);
            for (var name : List.copyOf(pending)) {
                var view = view(survivor, name);
                if (view.session().where() == Where.STALE) {
                    pending.remove(name);
                } else if (Instant.now().plusMillis(300).isBefore(view.session().lease().orElseThrow().expiresAt())) {
                    assertThat(view.session().lease().orElseThrow().holder().value()).isEqualTo(victim.id);
                    assertThatThrownBy(() -> connect(survivor, name)).as("connecting %s before its lease expires", name)
                            .isInstanceOf(SessionHeldElsewhereException.class).hasMessageContaining(victim.id);
                    refusedBeforeExpiry++;
                }
            }
            Thread.sleep(100);
        }
        assertThat(refusedBeforeExpiry).isPositive();

        int takeovers = 0;
        for (var name : orphaned) {
            var recovered = connect(survivor, name);
            assertThat(Instant.now()).as("recovered after the lease expired").isAfter(expiries.get(name));
            assertThat(recovered.recoveredSession()).isTrue();
            assertThat(recovered.connection().session().where()).isEqualTo(Where.HERE);
            assertThat(recovered.connection().session().lease().orElseThrow().holder().value()).isEqualTo("survivor");
            takeovers++;
        }
        // Longer than a lease has passed: the living instance renewed its own, and keeps them.
        for (var name : kept) {
            assertThat(view(survivor, name).session().where()).isEqualTo(Where.ELSEWHERE);
            assertThatThrownBy(() -> connect(survivor, name)).isInstanceOf(SessionHeldElsewhereException.class)
                    .hasMessageContaining(holders.get(name).id);
        }

        var expected = new HashMap<String, String>();
        orphaned.forEach(name -> expected.put(stored(survivor, name).id().value(), "survivor"));
        kept.forEach(name -> expected.put(stored(survivor, name).id().value(), holders.get(name).id));
        var leases = leaseTable(server, database);
        long lost = LIVE.stream().filter(name -> {
            var id = stored(survivor, name).id().value();
            return stored(survivor, name).status() != ConnectionStatus.ACTIVE || !expected.get(id).equals(leases.get(id));
        }).count();
        assertThat(leases).as("the lease table after the takeover").isEqualTo(expected);
        assertThat(lost).as("sessions lost").isZero();

        for (var instance : instances) {
            if (instance != victim) {
                instance.quit();
            }
        }
        return "killed=" + victim.id + " holding " + orphaned.size() + ", refused before expiry=" + refusedBeforeExpiry
                + ", takeovers=" + takeovers + ", kept by the living instance=" + kept.size() + ", sessions lost=" + lost;
    }

    /** Sends {@code command} to every instance, then waits for each to finish it; answers their outputs, in order. */
    private static List<List<String>> together(List<Instance> instances, String command) {
        instances.forEach(instance -> instance.send(command));
        var verb = command.split(" ")[0];
        return instances.stream().map(instance -> instance.awaitDone(verb)).toList();
    }

    private static McpConnection stored(Mcpconn mcp, String name) {
        return mcp.repository().findByServerName(TEAM, ServerName.of(name)).orElseThrow();
    }

    private static ConnectionView view(Mcpconn mcp, String name) {
        return mcp.connections().get(TEAM, ConnectionRef.named(name));
    }

    private static io.mcpconn.application.connect.ConnectResult connect(Mcpconn mcp, String name) {
        return mcp.connect().handle(new ConnectCommand(TEAM, ConnectionRef.named(name)));
    }

    /** Connection id → holder, as the lease table has them. */
    private static Map<String, String> leaseTable(PostgresServer server, String database) {
        var rows = server.psql(database, "SELECT connection_id, holder FROM mcp_session_leases");
        return rows.isEmpty() ? Map.of() : Arrays.stream(rows.split("\n")).map(row -> row.split("\\|"))
                .collect(Collectors.toMap(row -> row[0], row -> row[1]));
    }

    private static boolean runsServerEverything(ProcessHandle process) {
        return process.info().commandLine().orElse("").contains("server-everything");
    }

    /** A child JVM running {@link InstanceWorkload}, and what it said. */
    private static final class Instance {

        private static final String END = "\u0000end";

        private final String id;
        private final Process process;
        private final PrintWriter input;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> transcript = new CopyOnWriteArrayList<>();
        private final List<ProcessHandle> tree = new CopyOnWriteArrayList<>();
        private final Path errors;

        private Instance(String id, Process process, Path errors) {
            this.id = id;
            this.process = process;
            this.errors = errors;
            this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            var reader = new Thread(this::read, "output-of-" + id);
            reader.setDaemon(true);
            reader.start();
        }

        static Instance start(PostgresServer server, String database, String id, int index, Path directory)
                throws IOException {
            var errors = directory.resolve(id + ".stderr");
            var builder = new ProcessBuilder(Commands.java(InstanceWorkload.class.getName(), server.jdbcUrl(database), id,
                    Integer.toString(index), Long.toString(LEASE_MILLIS))).redirectError(errors.toFile());
            var environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("MCPCONN_") || name.startsWith("PG"));
            environment.put("PGUSER", server.user());
            environment.put("PGPASSWORD", server.password());
            environment.put("MCPCONN_SECRET_KEY", KEY);
            environment.put("MCPCONN_PG_POOL_SIZE", "4");
            return new Instance(id, builder.start(), errors);
        }

        void send(String command) {
            input.println(command);
        }

        /** The lines it printed until {@code DONE <verb>}; fails on an ERROR, an exit or the time limit. */
        List<String> awaitDone(String verb) {
            var answered = new ArrayList<String>();
            long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
            try {
                while (true) {
                    var line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (line == null || line.equals(END) || line.startsWith("ERROR ")) {
                        throw new AssertionError(id + " did not finish " + verb + (line == null ? " in time" : "") + ":\n"
                                + String.join("\n", transcript) + "\n--- its standard error:\n" + errors());
                    }
                    if (line.equals("DONE " + verb)) {
                        recordTree();
                        return answered;
                    }
                    answered.add(line);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + id, e);
            }
        }

        /** kill -9, as a crash would; the MCP servers it started are left running, as a crash leaves them. */
        void kill() throws InterruptedException {
            recordTree();
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        /** Asks it to close (disconnecting its sessions) and waits for it to exit. */
        void quit() throws InterruptedException {
            recordTree();
            send("QUIT");
            assertThat(process.waitFor(PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("%s exits when told", id).isTrue();
        }

        /** Ends it and every process it started, whatever state they are in. */
        void destroy() {
            recordTree();
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }

        /** It and every process it started that was seen alive. */
        List<ProcessHandle> tree() {
            return List.copyOf(tree);
        }

        private void recordTree() {
            for (var handle : Processes.treeOf(process.toHandle())) {
                if (!tree.contains(handle)) {
                    tree.add(handle);
                }
            }
        }

        private void read() {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    transcript.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                transcript.add("(reading failed: " + e.getMessage() + ")");
            } finally {
                lines.add(END);
            }
        }

        private String errors() {
            try {
                return Files.exists(errors) ? Files.readString(errors) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
