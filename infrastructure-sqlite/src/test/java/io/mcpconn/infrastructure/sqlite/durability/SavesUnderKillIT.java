package io.mcpconn.infrastructure.sqlite.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionSnapshot;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.sqlite.connection.SqliteEventOutbox;
import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost to a kill -9: a child JVM saves connections in a loop through
 * {@link SqliteMcpConnectionRepository} and prints each step after its commit ({@link SaveLoop});
 * the test kills it with SIGKILL at random moments, again and again on the same database, and
 * after each kill checks {@code PRAGMA integrity_check} and that every acknowledged connection is
 * there with its whole state, compared with the same script replayed on the in-memory repository.
 * A step that committed without its acknowledgement (killed between the two) may be there too, but
 * only whole. Seeded: {@code -Dmcpconn.seed=N} replays a run; the seed is printed.
 *
 * <p>The events of each save are stored with it, and the child's relay delivers them to a listener
 * that appends them to a file ({@link DeliveredEvents}). After the last kill the test delivers what
 * is left, then checks: every stored event reached the listener (none lost), none reached it that
 * was not stored, a connection's events reached it in order, and an event reached it twice only if
 * it was handed out again after a claim that was never marked delivered (counted).
 */
class SavesUnderKillIT {

    private static final int KILLS = 24;
    /** Out of this many kills, one lands anywhere from the start of the JVM, opening and migration included. */
    private static final int EARLY_KILL_ONE_IN = 6;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedSaveSurvivesSigkillWhole() throws Exception {
        long seed = Long.getLong("mcpconn.seed", System.nanoTime());
        System.out.println("SavesUnderKillIT seed " + seed + " (replay with -Dmcpconn.seed=" + seed + ")");
        Random random = new Random(seed);
        Path file = directory.resolve("tmws.db");
        Path delivered = directory.resolve("delivered-events.txt");
        Map<ConnectionId, Namespace> namespaces = new HashMap<>();
        Map<ConnectionId, McpConnectionSnapshot> expected = new HashMap<>();
        int acknowledged = 0;
        int unacknowledgedButWhole = 0;
        int earlyKills = 0;
        long started = System.nanoTime();
        for (int round = 0; round < KILLS; round++) {
            long roundSeed = random.nextLong();
            boolean early = random.nextInt(EARLY_KILL_ONE_IN) == 0;
            int delayMillis = early ? random.nextInt(1500) : random.nextInt(400);
            List<String> acks = runAndKill(file, roundSeed, early, delayMillis, delivered);
            earlyKills += early ? 1 : 0;
            int last = acks.isEmpty() ? -1 : Integer.parseInt(acks.get(acks.size() - 1).split(" ")[1]);
            acknowledged += last + 1;

            SaveScript replay = new SaveScript(roundSeed);
            InMemoryMcpConnectionRepository memory = new InMemoryMcpConnectionRepository();
            while (replay.nextStep() <= last) {
                replay.step(memory);
            }
            Map<ConnectionId, McpConnectionSnapshot> afterAck = snapshots(memory, replay.registered());
            Optional<ConnectionId> inFlight = Optional.of(replay.step(memory));
            Map<ConnectionId, McpConnectionSnapshot> afterNext = snapshots(memory, replay.registered());

            try (SqliteDatabase database = SqliteDatabase.open(file)) {
                List<String> integrity = database.read(dsl -> dsl.fetch("PRAGMA integrity_check").getValues(0,
                        String.class));
                assertThat(integrity).as("integrity_check after kill %d (seed %d)", round, seed).containsExactly("ok");
                // As the next process would: a kill during the very first migration left no table yet.
                new SchemaMigrator(database).migrate();
                SqliteMcpConnectionRepository sqlite = new SqliteMcpConnectionRepository(database);
                for (Map.Entry<ConnectionId, McpConnectionSnapshot> entry : afterNext.entrySet()) {
                    ConnectionId id = entry.getKey();
                    Optional<McpConnectionSnapshot> stored = sqlite.findById(replay.registered().get(id), id)
                            .map(McpConnection::snapshot);
                    McpConnectionSnapshot acked = afterAck.get(id);
                    boolean touchedByNext = inFlight.get().equals(id);
                    if (stored.equals(Optional.ofNullable(acked))) {
                        if (acked != null) {
                            expected.put(id, acked);
                        }
                    } else if (touchedByNext && stored.equals(Optional.of(entry.getValue()))) {
                        unacknowledgedButWhole++;
                        expected.put(id, entry.getValue());
                    } else {
                        fail("kill %d (seed %d, round seed %d) after step %d: connection %s is stored as%n  %s%n"
                                + "but was acknowledged as%n  %s%n(the next step, if it committed unacknowledged,"
                                + " would have made it%n  %s)", round, seed, roundSeed, last, id, stored.orElse(null),
                                acked, touchedByNext ? entry.getValue() : "(untouched)");
                    }
                }
                namespaces.putAll(replay.registered());
                for (Map.Entry<ConnectionId, McpConnectionSnapshot> earlier : expected.entrySet()) {
                    assertThat(sqlite.findById(namespaces.get(earlier.getKey()), earlier.getKey())
                            .map(McpConnection::snapshot))
                            .as("connection %s of an earlier round after kill %d (seed %d)", earlier.getKey(), round, seed)
                            .contains(earlier.getValue());
                }
            }
        }
        var events = checkEvents(file, delivered, seed);
        System.out.printf("SavesUnderKillIT: %d kills (%d early, from JVM start), %d acknowledged saves,"
                + " %d connections checked whole after the last kill, %d saves found committed before their"
                + " acknowledgement, 0 lost, %d s%n", KILLS, earlyKills, acknowledged, expected.size(),
                unacknowledgedButWhole, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        System.out.printf("SavesUnderKillIT events: %d recorded, %d delivered, %d lost, %d duplicated (each handed out"
                + " again after an unacknowledged claim), %d delivered after the last kill%n", events[0], events[1],
                0, events[2], events[3]);
        assertThat(events[0]).as("the saves recorded events").isPositive();
        assertThat(acknowledged).as("the children saved something before they were killed").isPositive();
    }

    /**
     * Delivers what the children left, then compares the listener's file with the outbox.
     *
     * @return recorded, delivered (distinct), duplicated, delivered after the last kill
     */
    private static long[] checkEvents(Path file, Path delivered, long seed) throws Exception {
        long drained = 0;
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            var outbox = new SqliteEventOutbox(database);
            var listener = new DeliveredEvents(delivered);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // A dead child's claims expire after DeliveredEvents.CLAIM; until then their events wait.
            while (outbox.counts().pending() > 0 && System.nanoTime() < deadline) {
                int n = listener.deliverDue(outbox, InstanceId.of("test-after-the-kills"));
                drained += n;
                if (n == 0) {
                    Thread.sleep(100);
                }
            }
            assertThat(outbox.counts().pending()).as("events left pending 30 s after the last kill (seed %d)", seed)
                    .isZero();
            var stored = new HashMap<String, long[]>();
            database.query(statements -> {
                try (var rows = statements.prepare("SELECT event_id, seq, handed_out, state FROM mcp_connection_events")
                        .executeQuery()) {
                    while (rows.next()) {
                        assertThat(rows.getString(4)).isEqualTo("delivered");
                        stored.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
                    }
                }
                return null;
            });
            var seen = new HashMap<String, Integer>();
            var lastSequence = new HashMap<String, Long>();
            var line = Pattern.compile("event ([0-9a-f-]{36}) (\\d+) ([0-9A-Za-z-]{1,36})\n");
            var matcher = line.matcher(Files.readString(delivered));
            while (matcher.find()) {
                String id = matcher.group(1);
                long sequence = Long.parseLong(matcher.group(2));
                assertThat(stored).as("delivered event %s was never stored (seed %d)", id, seed).containsKey(id);
                if (seen.merge(id, 1, Integer::sum) == 1) {
                    long previous = lastSequence.getOrDefault(matcher.group(3), 0L);
                    assertThat(sequence).as("connection %s's events out of order (seed %d)", matcher.group(3), seed)
                            .isGreaterThan(previous);
                    lastSequence.put(matcher.group(3), sequence);
                }
            }
            long duplicated = 0;
            for (var entry : stored.entrySet()) {
                int times = seen.getOrDefault(entry.getKey(), 0);
                assertThat(times).as("stored event %s never reached the listener (seed %d)", entry.getKey(), seed)
                        .isPositive();
                if (times > 1) {
                    duplicated++;
                    assertThat(entry.getValue()[1]).as("event %s delivered twice but handed out once (seed %d)",
                            entry.getKey(), seed).isGreaterThan(1);
                }
            }
            return new long[] {stored.size(), seen.size(), duplicated, drained};
        }
    }

    private static Map<ConnectionId, McpConnectionSnapshot> snapshots(InMemoryMcpConnectionRepository memory,
            Map<ConnectionId, Namespace> registered) {
        Map<ConnectionId, McpConnectionSnapshot> snapshots = new HashMap<>();
        registered.forEach((id, namespace) -> memory.findById(namespace, id)
                .ifPresent(connection -> snapshots.put(id, connection.snapshot())));
        return snapshots;
    }

    /** Starts the child, kills it with SIGKILL after the delay (counted from its first save, unless early). */
    private static List<String> runAndKill(Path file, long seed, boolean early, int delayMillis, Path delivered)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), file.toString(),
                Long.toString(seed), delivered.toString()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // The pipe closes when the child dies; what was read is what it acknowledged.
            }
        }, "save-loop-output");
        reader.start();
        if (!early) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (lines.isEmpty()) {
                child.destroyForcibly().waitFor();
                fail("the save loop acknowledged nothing within 60 s (alive: " + child.isAlive() + ")");
            }
        }
        Thread.sleep(delayMillis);
        assertThat(child.isAlive()).as("the save loop runs until it is killed").isTrue();
        // Through the handle: Process.destroyForcibly also closes our end of the pipe, which throws away
        // acknowledgements the child wrote before it died but this side had not read yet.
        child.toHandle().destroyForcibly();
        child.waitFor();
        reader.join();
        // readLine gives a last line cut short by the kill without its end; only whole lines were acknowledged.
        List<String> acks = new ArrayList<>();
        for (String line : lines) {
            if (line.matches("ack \\d+ [0-9a-f-]{36}")) {
                acks.add(line);
            }
        }
        return acks;
    }
}
