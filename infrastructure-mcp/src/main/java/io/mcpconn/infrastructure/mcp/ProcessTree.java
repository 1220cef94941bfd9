package io.mcpconn.infrastructure.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stdio server's process and everything it started, and how to end them all.
 *
 * <p>Why a tree: a server is often a wrapper ({@code npx} → {@code sh} → {@code node}). Signalling
 * the wrapper alone leaves its children running with the pipes to us still open, which keeps the
 * SDK's reader threads (not daemons) and so the JVM alive. Once the wrapper is gone its children
 * are re-parented to init and {@link ProcessHandle#descendants()} no longer finds them, so the
 * tree is collected <em>before</em> any signal. Where the server was started in a session of its
 * own ({@code setsid}, Linux), the process group is searched as well, which also finds orphans a
 * wrapper left behind when it crashed.
 */
final class ProcessTree {

    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);
    private static final Path PROC = Path.of("/proc");
    // The JDK polls the exit of a process that is not our child every 300 ms; this is finer.
    private static final Duration POLL = Duration.ofMillis(20);

    private final Process process;
    private final boolean ownGroup;

    ProcessTree(Process process, boolean ownGroup) {
        this.process = process;
        this.ownGroup = ownGroup;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** The server's process, its descendants and the rest of its process group that are alive now. */
    List<ProcessHandle> members() {
        var found = new LinkedHashMap<Long, ProcessHandle>();
        if (running(process.toHandle())) {
            found.put(process.pid(), process.toHandle());
        }
        process.descendants().filter(ProcessTree::running).forEach(handle -> found.put(handle.pid(), handle));
        if (ownGroup) {
            groupMembers(process.pid()).forEach(handle -> found.putIfAbsent(handle.pid(), handle));
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Ends {@code members} (collected beforehand): waits {@code ownGrace} for them to exit on their
     * own, then sends SIGTERM to those left and waits {@code termGrace}, then kills what is left.
     *
     * @return how many processes had to be killed
     */
    int terminate(List<ProcessHandle> members, Duration ownGrace, Duration termGrace) {
        var remaining = awaitExit(members, ownGrace);
        if (remaining.isEmpty()) {
            return 0;
        }
        log.debug("Sending SIGTERM to {} processes of the stdio server {} that outlived its input", remaining.size(), pid());
        remaining.forEach(ProcessHandle::destroy);
        remaining = awaitExit(withNewcomers(remaining), termGrace);
        if (remaining.isEmpty()) {
            return 0;
        }
        log.debug("Killing {} processes of the stdio server {} that ignored SIGTERM", remaining.size(), pid());
        remaining.forEach(ProcessHandle::destroyForcibly);
        awaitExit(remaining, termGrace);
        return remaining.size();
    }

    // A member may have started children while being asked to stop; they are part of the tree too.
    private List<ProcessHandle> withNewcomers(List<ProcessHandle> remaining) {
        var all = new LinkedHashMap<Long, ProcessHandle>();
        remaining.forEach(handle -> all.put(handle.pid(), handle));
        members().forEach(handle -> all.putIfAbsent(handle.pid(), handle));
        all.values().stream().filter(ProcessTree::running).forEach(ProcessHandle::destroy);
        return new ArrayList<>(all.values());
    }

    /** Those of {@code members} still running after at most {@code timeout}. */
    static List<ProcessHandle> awaitExit(List<ProcessHandle> members, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var running = new ArrayList<ProcessHandle>();
            members.stream().filter(ProcessTree::running).forEach(running::add);
            if (running.isEmpty() || System.nanoTime() >= deadline) {
                return running;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running;
            }
        }
    }

    /**
     * Whether {@code process} still runs. A killed orphan stays a zombie until init reaps it (seen
     * to take 2 s in containers): it holds no pipe and no memory, so it counts as gone; the JDK's
     * {@code isAlive()} and {@code onExit()} still see it.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            var stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    /** Whether this machine lets the tree be found by process group (Linux's /proc). */
    static boolean groupsVisible() {
        return Files.isReadable(PROC.resolve("self").resolve("stat"));
    }

    private static List<ProcessHandle> groupMembers(long groupId) {
        var members = new ArrayList<ProcessHandle>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.forEach(handle -> {
                if (processGroup(handle.pid()).filter(group -> group == groupId).isPresent() && running(handle)) {
                    members.add(handle);
                }
            });
        }
        return members;
    }

    // Field 5 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses.
    static Optional<Long> processGroup(long pid) {
        try {
            var stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
