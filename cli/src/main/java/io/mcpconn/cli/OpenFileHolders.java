package io.mcpconn.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which other processes have a database file open, read from Linux's {@code /proc}: what the seed's
 * "pkill -f python.*tmws" guesses at, named instead. Best effort: empty where {@code /proc} is
 * missing or another user's processes cannot be seen.
 */
final class OpenFileHolders {

    private OpenFileHolders() {
    }

    /** Returns one line per process other than this one, e.g. {@code pid 4242 (sqlite3)}. */
    static List<String> of(Path database) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return List.of();
        }
        List<Path> files = List.of(database, Path.of(database + "-wal"), Path.of(database + "-shm"));
        long self = ProcessHandle.current().pid();
        List<String> holders = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && holds(process, files)) {
                    holders.add("pid " + pid + command(process).map(name -> " (" + name + ")").orElse(""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // What cannot be read is simply not named; the lock message stands without it.
            return holders;
        }
        return holders;
    }

    private static boolean holds(Path process, List<Path> files) {
        try (Stream<Path> descriptors = Files.list(process.resolve("fd"))) {
            return descriptors.anyMatch(fd -> {
                try {
                    return files.contains(Files.readSymbolicLink(fd));
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The process's name only ({@code /proc/<pid>/comm}, e.g. {@code sqlite3}), never its command
     * line: another program's arguments may hold a password.
     */
    private static Optional<String> command(Path process) {
        try {
            String name = Files.readString(process.resolve("comm")).strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
