package io.mcpconn.infrastructure.mcp;

import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.StdioTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares the start of a stdio server: checks what can be checked before starting it (so that a
 * typo is reported as such, not as a timeout), and builds the transport. The server gets only the
 * environment {@link ChildEnvironment} allows plus its declared variables, and starts in its
 * working directory.
 *
 * <p>On Linux the server is started through {@code setsid}: it becomes the leader of a process
 * group of its own, so that its whole tree can be found and ended, and so that a Ctrl-C meant
 * for the runtime's terminal does not reach it half-way through a close. {@code setsid} execs the
 * command in place (the JVM's child is never a group leader), so the pid stays the server's.
 */
final class StdioLauncher {

    private static final Optional<Path> SETSID = findSetsid();

    private StdioLauncher() {
    }

    /** A prepared start: the transport, where the server's stderr goes, and whether it gets its own group. */
    record Launch(ProcessStdioTransport transport, StderrTail stderr, boolean ownGroup) {
    }

    static Launch prepare(ConnectionConfig config, McpJsonMapper mapper, FailureTranslator errors) {
        var stdio = (StdioTransport) config.transport();
        boolean windows = ChildEnvironment.windows();
        var environment = ChildEnvironment.of(System.getenv(), stdio.env(), windows);
        var directory = stdio.workingDirectory();
        directory.ifPresent(dir -> {
            if (!Files.isDirectory(dir)) {
                throw errors.failure(Reason.UNREACHABLE, "the working directory " + dir + " of " + errors.server()
                        + " does not exist or is not a directory; create it or change the connection's working directory");
            }
        });
        if (!windows) {
            requireCommand(stdio.command(), environment, directory, errors);
        }
        var command = new ArrayList<String>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add(stdio.command());
        command.addAll(stdio.args());
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        directory.ifPresent(dir -> builder.directory(dir.toFile()));
        var stderr = new StderrTail(config::redact, errors.server());
        var transport = new ProcessStdioTransport(builder, mapper, stderr, errors.server());
        return new Launch(transport, stderr, SETSID.isPresent());
    }

    private static void requireCommand(String command, Map<String, String> environment, Optional<Path> directory,
                                       FailureTranslator errors) {
        var base = directory.orElse(Path.of("").toAbsolutePath());
        if (command.contains("/")) {
            var file = base.resolve(command);
            if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
                throw errors.failure(Reason.UNREACHABLE, "the command " + command + " of " + errors.server()
                        + " is not an executable file (looked for " + file + "); check the path, or install the server");
            }
            return;
        }
        var path = environment.getOrDefault("PATH", "");
        for (var entry : path.split(File.pathSeparator, -1)) {
            var candidate = (entry.isEmpty() ? base : base.resolve(entry)).resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return;
            }
        }
        throw errors.failure(Reason.UNREACHABLE, "the command " + command + " of " + errors.server()
                + " was not found on the PATH it is started with (" + path + "); install it, give its absolute path,"
                + " or set PATH in the connection's environment");
    }

    // Only where /proc lets the group be searched: a group nobody can list would only hide processes.
    private static Optional<Path> findSetsid() {
        if (!ProcessTree.groupsVisible()) {
            return Optional.empty();
        }
        for (var candidate : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            var path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
