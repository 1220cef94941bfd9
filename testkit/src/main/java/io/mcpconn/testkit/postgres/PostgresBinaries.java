package io.mcpconn.testkit.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory holding PostgreSQL's server programs: {@code $MCPCONN_PG_BIN} if set, else the
 * Debian install {@code /usr/lib/postgresql/<version>/bin} (15 if present, else the newest), else
 * wherever {@code initdb} and {@code pg_ctl} are on the PATH.
 */
final class PostgresBinaries {

    static final String VARIABLE = "MCPCONN_PG_BIN";
    static final String INSTALL = "apt-get install -y postgresql-15";
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private static final String PREFERRED = "15";

    private final Path directory;

    private PostgresBinaries(Path directory) {
        this.directory = directory;
    }

    /** The binaries of this machine. */
    static PostgresBinaries find() {
        return find(System.getenv(), DEBIAN_ROOT);
    }

    /**
     * The binaries {@code environment} (its {@code MCPCONN_PG_BIN} and {@code PATH}) and the
     * per-version directories under {@code debianRoot} point to, or a failure saying how to install them.
     */
    static PostgresBinaries find(Map<String, String> environment, Path debianRoot) {
        var override = environment.get(VARIABLE);
        if (override != null && !override.isBlank()) {
            // Someone chose these on purpose: falling back to others would test against the wrong version silently.
            var chosen = Path.of(override);
            if (!holdsServer(chosen)) {
                throw new IllegalStateException(VARIABLE + "=" + override + " does not hold executable initdb and pg_ctl."
                        + " Point it at a PostgreSQL bin directory, or unset it and install the server: " + INSTALL);
            }
            return new PostgresBinaries(chosen);
        }
        return debian(debianRoot).or(() -> onPath(environment.getOrDefault("PATH", "")))
                .map(PostgresBinaries::new)
                .orElseThrow(() -> new IllegalStateException("PostgreSQL's initdb and pg_ctl were not found (looked in $"
                        + VARIABLE + ", " + debianRoot + "/*/bin and the PATH). Install the server: " + INSTALL));
    }

    /** The directory the programs are in. */
    Path directory() {
        return directory;
    }

    Path initdb() {
        return directory.resolve("initdb");
    }

    Path pgCtl() {
        return directory.resolve("pg_ctl");
    }

    /** {@code psql} beside the server programs (Debian puts it there), else the one on the PATH. */
    Path psql() {
        var beside = directory.resolve("psql");
        if (executable(beside)) {
            return beside;
        }
        return onPath(System.getenv().getOrDefault("PATH", ""), "psql").orElseThrow(() -> new IllegalStateException(
                "psql was found neither in " + directory + " nor on the PATH. Install it with the server: " + INSTALL));
    }

    private static Optional<Path> debian(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            var installed = versions.filter(version -> holdsServer(version.resolve("bin"))).toList();
            return installed.stream().filter(version -> version.getFileName().toString().equals(PREFERRED)).findFirst()
                    .or(() -> installed.stream().max(Comparator.comparing(PostgresBinaries::versionOf, Arrays::compare)))
                    .map(version -> version.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + root, e);
        }
    }

    // PATH holds links (e.g. /usr/local/bin/initdb): the linked-to directory is the one that has psql and pg_dump too.
    private static Optional<Path> onPath(String path) {
        return onPath(path, "initdb").map(initdb -> {
            var entry = initdb.getParent();
            try {
                var real = initdb.toRealPath().getParent();
                return holdsServer(real) ? real : entry;
            } catch (IOException e) {
                return entry;
            }
        }).filter(PostgresBinaries::holdsServer);
    }

    private static Optional<Path> onPath(String path, String program) {
        for (var entry : path.split(File.pathSeparator)) {
            var candidate = Path.of(entry.isEmpty() ? "." : entry, program).toAbsolutePath();
            if (executable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean holdsServer(Path directory) {
        return executable(directory.resolve("initdb")) && executable(directory.resolve("pg_ctl"));
    }

    private static boolean executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    // "9.6" < "10" < "15": numbers, not strings; a name that is not a version sorts first.
    private static int[] versionOf(Path version) {
        try {
            return Stream.of(version.getFileName().toString().split("\\.")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            return new int[0];
        }
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
