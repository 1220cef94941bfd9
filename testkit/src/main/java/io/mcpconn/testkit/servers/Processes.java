package io.mcpconn.testkit.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Looks at the processes a test started. */
public final class Processes {

    private Processes() {
    }

    /** {@code root} and its descendants alive now. */
    public static List<ProcessHandle> treeOf(ProcessHandle root) {
        var tree = new ArrayList<ProcessHandle>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /** Waits until every one of {@code processes} has exited, at most {@code limit}; answers those still running. */
    public static List<ProcessHandle> awaitGone(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && processes.stream().anyMatch(Processes::running)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return processes.stream().filter(Processes::running).collect(Collectors.toList());
    }

    /**
     * Whether {@code process} still runs. A killed orphan is a zombie until init reaps it, which
     * takes seconds in some containers; it holds nothing, so it counts as gone.
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            var stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    /** The command lines of {@code processes}, for assertion messages. */
    public static String describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .collect(Collectors.joining("; "));
    }
}
