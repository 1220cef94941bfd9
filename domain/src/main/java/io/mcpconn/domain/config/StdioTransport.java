package io.mcpconn.domain.config;

import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A server started as a local process that speaks MCP over its standard input and output.
 *
 * @param command          the program to run, e.g. {@code npx}
 * @param args             its arguments, in order
 * @param env              extra environment variables; values may be secrets and are never printed
 * @param workingDirectory where to start it, if not the caller's directory
 */
public record StdioTransport(String command, List<String> args, Map<String, String> env,
                             Optional<Path> workingDirectory) implements Transport {

    public StdioTransport {
        Checks.text(command, "stdio command", 4096);
        args = List.copyOf(Objects.requireNonNull(args, "args"));
        Objects.requireNonNull(env, "env");
        env.forEach((name, value) -> {
            if (name == null || name.isBlank() || name.contains("=")) {
                throw new InvalidValueException("environment variable name \"" + name
                        + "\" of the stdio command must be non-blank and contain no '='");
            }
            Objects.requireNonNull(value, () -> "value of environment variable " + name);
        });
        env = java.util.Collections.unmodifiableMap(new TreeMap<>(env));
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /** A command with arguments, no extra environment, started in the caller's directory. */
    public static StdioTransport of(String command, String... args) {
        return new StdioTransport(command, List.of(args), Map.of(), Optional.empty());
    }

    @Override
    public String toString() {
        return "StdioTransport[command=" + command + ", args=" + args + ", env=" + env.keySet()
                + ", workingDirectory=" + workingDirectory.map(Path::toString).orElse("(inherited)") + "]";
    }
}
