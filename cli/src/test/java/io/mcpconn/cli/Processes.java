package io.mcpconn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;

/**
 * The processes a run started, found by their working directory (Linux {@code /proc}): a child
 * inherits it, keeps it when re-parented after its parent died, and a test's temporary directory is
 * unique, so neither other tests' servers nor other builds' are mistaken for this run's.
 */
final class Processes {

    private static final long SELF = ProcessHandle.current().pid();

    private Processes() {
    }

    /** Whether processes' working directories can be read here. */
    static boolean supported() {
        return Files.isSymbolicLink(Path.of("/proc/self/cwd"));
    }

    /** Every live process (but this JVM) working in {@code directory} or below it, as "pid command line". */
    static List<String> runningIn(Path directory) throws IOException {
        Path real = directory.toRealPath();
        return ProcessHandle.allProcesses().filter(process -> process.pid() != SELF)
                .filter(process -> workingDirectory(process.pid()).map(cwd -> cwd.startsWith(real)).orElse(false))
                .map(process -> process.pid() + " " + commandLine(process.pid()))
                .collect(Collectors.toList());
    }

    /** Starts watching {@code directory} for processes whose command line contains {@code needle}. */
    static Watch watch(Path directory, String needle) {
        return new Watch(directory, needle);
    }

    /** Records, every 20 ms until closed, the matching processes that run in a directory. */
    static final class Watch implements AutoCloseable {

        private final Set<String> seen = new ConcurrentSkipListSet<>();
        private final Thread thread;
        private volatile boolean done;

        private Watch(Path directory, String needle) {
            thread = new Thread(() -> {
                while (!done) {
                    try {
                        runningIn(directory).stream().filter(process -> process.contains(needle)).forEach(seen::add);
                        Thread.sleep(20);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "process-watch");
            thread.setDaemon(true);
            thread.start();
        }

        /** What was seen so far, as "pid command line". */
        Set<String> seen() {
            return Set.copyOf(seen);
        }

        @Override
        public void close() throws InterruptedException {
            done = true;
            thread.join();
        }
    }

    // A zombie (ended, not yet reaped) has no working directory any more, so it does not count as running.
    private static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return "(ended)";
        }
    }
}
