package io.mcpconn.testkit.postgres;

import io.mcpconn.testkit.servers.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * One cluster's directory and the server programs that act on it: {@code data/} (initdb's),
 * {@code server.log}, {@code sockets/} (the server's Unix socket and lock, kept out of the
 * machine's own {@code /var/run/postgresql}).
 */
final class Cluster {

    private final PostgresBinaries binaries;
    private final ClusterOwner owner;
    private final Path root;

    private Cluster(PostgresBinaries binaries, ClusterOwner owner, Path root) {
        this.binaries = binaries;
        this.owner = owner;
        this.root = root;
    }

    /** A new, empty directory for a cluster owned by {@code owner}. */
    static Cluster create(PostgresBinaries binaries, ClusterOwner owner) {
        return new Cluster(binaries, owner, owner.createDirectory());
    }

    PostgresBinaries binaries() {
        return binaries;
    }

    Path root() {
        return root;
    }

    Path data() {
        return root.resolve("data");
    }

    Path log() {
        return root.resolve("server.log");
    }

    Path sockets() {
        return root.resolve("sockets");
    }

    /** {@code initdb}: a new cluster whose superuser is {@code superuser}, signing in with {@code password} over SCRAM. */
    void initdb(String superuser, String password) {
        var passwordFile = root.resolve("initdb-password");
        try {
            // A file, not an argument: arguments are visible to every user in ps.
            Files.writeString(Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), password + "\n", StandardCharsets.UTF_8);
            owner.own(passwordFile);
            // -N: nothing here has to survive a crash, and syncing the new files is most of initdb's time.
            run(List.of(binaries.initdb().toString(), "-D", data().toString(), "-U", superuser, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "-N"), "initdb");
            Files.createDirectory(sockets());
            owner.own(sockets());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + root, e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException e) {
                // It is deleted with the directory at the latest.
            }
        }
    }

    /**
     * Starts the server on a port from {@code ports}, trying another one up to {@code attempts}
     * times when the port was taken between choosing and binding it; answers the port it listens on.
     */
    int start(IntSupplier ports, int attempts) {
        var refused = new ArrayList<Integer>();
        while (true) {
            int port = ports.getAsInt();
            deleteQuietly(log());
            var outcome = ChildProcess.run(owner.command(List.of(binaries.pgCtl().toString(), "-D", data().toString(),
                    "-l", log().toString(), "-w", "-t", "60", "-o", serverOptions(port), "start")),
                    ChildProcess.environment(Map.of()), root, ChildProcess.LIMIT);
            if (outcome.succeeded()) {
                return port;
            }
            var log = readLog();
            if (!log.contains("Address already in use") || refused.size() + 1 >= attempts) {
                throw new IllegalStateException("could not start PostgreSQL"
                        + (refused.isEmpty() ? "" : " (ports " + refused + " were taken)") + ": " + outcome.describe()
                        + "\n--- " + log() + " (last lines):\n" + ChildProcess.tail(log));
            }
            refused.add(port);
        }
    }

    /**
     * Stops the server if it runs ({@code pg_ctl -m fast}: ends sessions, no waiting for clients);
     * one that will not stop is killed, and that is reported.
     */
    void stop() {
        var postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        // Taken before stopping: once the postmaster is gone its children are no longer its descendants.
        var processes = Processes.treeOf(postmaster.get());
        var outcome = ChildProcess.run(owner.command(List.of(binaries.pgCtl().toString(), "-D", data().toString(),
                "-m", "fast", "-w", "-t", "60", "stop")), ChildProcess.environment(Map.of()), root, ChildProcess.LIMIT);
        var left = Processes.awaitGone(processes, Duration.ofSeconds(outcome.succeeded() ? 10 : 0));
        if (outcome.succeeded() && left.isEmpty()) {
            return;
        }
        left.forEach(ProcessHandle::destroyForcibly);
        Processes.awaitGone(left, Duration.ofSeconds(5));
        throw new IllegalStateException("PostgreSQL in " + data() + " did not stop cleanly and was killed: "
                + outcome.describe() + "\n--- " + log() + " (last lines):\n" + ChildProcess.tail(readLog()));
    }

    /** Whether a server runs on this cluster now. */
    boolean running() {
        return postmaster().isPresent();
    }

    /** Deletes the whole directory; the server must be stopped. */
    void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
                deleteQuietly(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
        if (Files.exists(root)) {
            throw new IllegalStateException("could not delete all of " + root);
        }
    }

    String readLog() {
        try {
            return Files.readString(log(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "(no server log)";
        } catch (IOException e) {
            return "(could not read the server log: " + e + ")";
        }
    }

    // The first line of postmaster.pid is the postmaster's pid; the file outlives a killed server, the process does not.
    private Optional<ProcessHandle> postmaster() {
        try {
            var lines = Files.readAllLines(data().resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(Processes::running);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("could not read " + data().resolve("postmaster.pid"), e);
        }
    }

    // pg_ctl hands -o to sh: the socket path is quoted, in case the temp folder's name has a space.
    private String serverOptions(int port) {
        return "-p " + port + " -k '" + sockets().toString().replace("'", "'\\''") + "'"
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                + " -c max_connections=200 -c TimeZone=UTC";
    }

    private void run(List<String> command, String what) {
        var outcome = ChildProcess.run(owner.command(command), ChildProcess.environment(Map.of()), root, ChildProcess.LIMIT);
        if (!outcome.succeeded()) {
            throw new IllegalStateException(what + " failed: " + outcome.describe());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // delete() checks that the directory went; a log that would not go shows up there.
        }
    }
}
