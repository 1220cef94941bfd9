package io.mcpconn.testkit.postgres;

import io.mcpconn.testkit.servers.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program to its end, with a time limit, and keeps what it wrote: the PostgreSQL programs,
 * and the Python tools of the Alembic fixture.
 */
public final class ChildProcess {

    /** Longer than any initdb, pg_ctl or psql call of a test needs, short enough that a hung one ends the run. */
    public static final Duration LIMIT = Duration.ofSeconds(120);

    private ChildProcess() {
    }

    /** What a finished program wrote and how it ended. */
    public record Outcome(List<String> command, int exitCode, String stdout, String stderr) {

        /** Whether it exited with 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** The command, its exit code and the last lines of both its streams, for a failure message. */
        public String describe() {
            return String.join(" ", command) + " exited with code " + exitCode
                    + "\n--- its stdout (last lines):\n" + tail(stdout) + "\n--- its stderr (last lines):\n" + tail(stderr);
        }
    }

    /**
     * This JVM's environment without what would point a PostgreSQL program elsewhere (every
     * {@code PG*} variable: PGHOST, PGPASSFILE, PGOPTIONS...), with messages in English so that
     * callers may look for them, then {@code extra} over it.
     */
    static Map<String, String> environment(Map<String, String> extra) {
        return environment(System.getenv(), extra);
    }

    static Map<String, String> environment(Map<String, String> parent, Map<String, String> extra) {
        var environment = new HashMap<>(parent);
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        // LC_ALL would override LC_MESSAGES; the cluster's own locale is initdb's --locale=C either way.
        environment.remove("LC_ALL");
        environment.put("LC_MESSAGES", "C");
        environment.putAll(extra);
        return environment;
    }

    /**
     * Runs {@code command} in {@code directory} with {@code environment} (replacing this JVM's) and
     * waits at most {@code limit}; a program still running then is killed with all it started.
     */
    public static Outcome run(List<String> command, Map<String, String> environment, Path directory, Duration limit) {
        Path stdout = null;
        Path stderr = null;
        try {
            // Files rather than pipes: nothing has to drain them, so a chatty child never blocks on a full pipe.
            stdout = Files.createTempFile("mcpconn-pg-out-", ".txt");
            stderr = Files.createTempFile("mcpconn-pg-err-", ".txt");
            var builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            var process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                var tree = Processes.treeOf(process.toHandle());
                tree.forEach(ProcessHandle::destroyForcibly);
                Processes.awaitGone(tree, Duration.ofSeconds(5));
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit.toSeconds()
                        + " s and was killed\n--- its stdout (last lines):\n" + tail(Files.readString(stdout, StandardCharsets.UTF_8))
                        + "\n--- its stderr (last lines):\n" + tail(Files.readString(stderr, StandardCharsets.UTF_8)));
            }
            return new Outcome(List.copyOf(command), process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    /** The last 30 lines of {@code text}: enough to show an error without a whole server log. */
    static String tail(String text) {
        var lines = text.strip().split("\n", -1);
        var kept = Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length);
        return (lines.length > kept.size() ? "[... " + (lines.length - kept.size()) + " lines before]\n" : "") + String.join("\n", kept);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover capture in the temp folder is harmless.
        }
    }
}
