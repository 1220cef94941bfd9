package io.mcpconn.infrastructure.postgres.migration;

import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PostgreSQL's client programs ({@code pg_dump}, {@code pg_restore}), found where Debian installs
 * them ({@code /usr/lib/postgresql/<major>/bin}, newest major first: a dump needs a pg_dump at least
 * as new as the server) or on the PATH, and run with the password in their environment only.
 */
final class ClientPrograms {

    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    private ClientPrograms() {
    }

    /** The program, or why it cannot be run. */
    static Path find(String program) {
        return debian(program).or(() -> onPath(program)).orElseThrow(() -> new ClientProgramMissingException(program));
    }

    /**
     * Runs {@code program} with {@code arguments} against the database of {@code options}, waiting
     * up to {@code timeoutMinutes}.
     *
     * @return what it wrote on its standard error (its progress and warnings)
     * @throws ClientProgramFailedException if it fails, with the end of what it said
     */
    static String run(PostgresDatabaseOptions options, String program, List<String> arguments, long timeoutMinutes) {
        var executable = find(program);
        var builder = new ProcessBuilder(options.clientCommand(executable.toString(), arguments));
        options.clientEnvironment(builder.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            var errors = Files.createTempFile("mcpconn-" + program, ".log");
            try {
                builder.redirectError(errors.toFile());
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                var process = builder.start();
                if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new ClientProgramFailedException(program, program + " did not finish within "
                            + timeoutMinutes + " minutes against " + options.location().describe());
                }
                var said = Files.readString(errors, StandardCharsets.UTF_8).strip();
                if (process.exitValue() != 0) {
                    throw new ClientProgramFailedException(program, program + " failed (exit " + process.exitValue()
                            + ") against " + options.location().describe() + ": " + tail(said));
                }
                return said;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new ClientProgramFailedException(program, program + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientProgramFailedException(program, "interrupted while " + program + " ran", e);
        }
    }

    private static String tail(String said) {
        var lines = said.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    private static Optional<Path> debian(String program) {
        if (!Files.isDirectory(DEBIAN)) {
            return Optional.empty();
        }
        try (Stream<Path> majors = Files.list(DEBIAN)) {
            return majors.filter(major -> major.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparing((Path major) -> Integer.parseInt(major.getFileName().toString()))
                            .reversed())
                    .map(major -> major.resolve("bin").resolve(program))
                    .filter(Files::isExecutable).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String program) {
        for (var entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            var candidate = Path.of(entry.isEmpty() ? "." : entry, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
