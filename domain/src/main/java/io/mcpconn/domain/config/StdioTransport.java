package io.mcpconn.domain.config;

import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A server started as a local process that speaks MCP over its standard input and output.
 *
 * <p>Every environment value is a secret ({@code GITHUB_TOKEN=…} is what env is for), and so is
 * an argument that follows a flag named like a secret ({@code --token=…}, {@code --api-key …}):
 * they are masked in {@link #toString()} and {@link #secrets()} redacts them from any text.
 *
 * @param command          the program to run, e.g. {@code npx}
 * @param args             its arguments, in order
 * @param env              the environment variables it is given besides a small allow-list
 * @param workingDirectory where to start it, if not the caller's directory
 */
public record StdioTransport(String command, List<String> args, Map<String, String> env,
                             Optional<Path> workingDirectory) implements Transport {

    /** Longest command, argument or environment value accepted. */
    public static final int MAX_LENGTH = 32_768;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern FLAG = Pattern.compile("--?[A-Za-z][A-Za-z0-9_.-]*");

    public StdioTransport {
        Checks.text(command, "stdio command", 4096);
        Objects.requireNonNull(args, "args");
        for (var arg : args) {
            Objects.requireNonNull(arg, "stdio argument");
            if (arg.length() > MAX_LENGTH || arg.indexOf('\0') >= 0) {
                throw new InvalidValueException("stdio arguments must be at most " + MAX_LENGTH
                        + " characters and contain no NUL");
            }
        }
        args = List.copyOf(args);
        Objects.requireNonNull(env, "env");
        env.forEach((name, value) -> {
            if (name == null || !ENV_NAME.matcher(name).matches()) {
                throw new InvalidValueException("environment variable name \"" + name
                        + "\" of the stdio command must be letters, digits and '_', not starting with a digit,"
                        + " and contain no '='");
            }
            Objects.requireNonNull(value, () -> "value of environment variable " + name);
            if (value.indexOf('\0') >= 0 || value.length() > MAX_LENGTH) {
                throw new InvalidValueException("the value of environment variable " + name
                        + " must be at most " + MAX_LENGTH + " characters and contain no NUL");
            }
        });
        env = Collections.unmodifiableMap(new TreeMap<>(env));
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        workingDirectory.ifPresent(dir -> {
            if (!dir.isAbsolute()) {
                throw new InvalidValueException("working directory " + dir
                        + " of the stdio command must be an absolute path");
            }
        });
    }

    /** A command with arguments, no extra environment, started in the caller's directory. */
    public static StdioTransport of(String command, String... args) {
        return new StdioTransport(command, List.of(args), Map.of(), Optional.empty());
    }

    /** The environment values and the secret arguments. */
    public Secrets secrets() {
        var values = new ArrayList<>(env.values());
        values.addAll(secretArguments());
        return Secrets.of(values);
    }

    /** The arguments as they may be shown: values of secret flags replaced by {@code ****}. */
    public List<String> maskedArgs() {
        var shown = new ArrayList<String>(args.size());
        boolean previousWasSecretFlag = false;
        for (var arg : args) {
            int eq = arg.indexOf('=');
            if (previousWasSecretFlag && !FLAG.matcher(arg).matches()) {
                shown.add(ApiKey.MASK);
            } else if (eq > 0 && FLAG.matcher(arg.substring(0, eq)).matches() && Secrets.isSecretName(arg.substring(0, eq))) {
                shown.add(arg.substring(0, eq + 1) + ApiKey.MASK);
            } else {
                shown.add(arg);
            }
            previousWasSecretFlag = FLAG.matcher(arg).matches() && Secrets.isSecretName(arg);
        }
        return shown;
    }

    private List<String> secretArguments() {
        var secret = new ArrayList<String>();
        var shown = maskedArgs();
        for (int i = 0; i < args.size(); i++) {
            var arg = args.get(i);
            if (!shown.get(i).equals(arg)) {
                // Masked whole (the value after a secret flag) or after '=' (--token=…).
                secret.add(shown.get(i).equals(ApiKey.MASK) ? arg : arg.substring(arg.indexOf('=') + 1));
            }
        }
        return secret;
    }

    @Override
    public String toString() {
        return "StdioTransport[command=" + command + ", args=" + maskedArgs() + ", env=" + env.keySet()
                + ", workingDirectory=" + workingDirectory.map(Path::toString).orElse("(inherited)") + "]";
    }
}
