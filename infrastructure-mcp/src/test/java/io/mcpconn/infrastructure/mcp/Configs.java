package io.mcpconn.infrastructure.mcp;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.testkit.servers.Commands;
import io.mcpconn.testkit.servers.ServerEverything;
import io.mcpconn.infrastructure.mcp.servers.ScriptedServer;
import io.mcpconn.infrastructure.mcp.servers.TestServerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Connection configurations for the test servers (an Object Mother). */
final class Configs {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Configs() {
    }

    static ConnectionConfig stdio(List<String> command) {
        return stdio(command, Map.of(), Optional.empty());
    }

    static ConnectionConfig stdio(List<String> command, Map<String, String> env, Optional<Path> workingDirectory) {
        return ConnectionConfig.of(new StdioTransport(command.get(0), command.subList(1, command.size()), env, workingDirectory))
                .withTimeout(TIMEOUT);
    }

    /** The SDK-based test server in a JVM of its own, over stdio. */
    static ConnectionConfig sdkServer() {
        return stdio(Commands.java(TestServerMain.class.getName(), "stdio"));
    }

    /** The reference server over stdio. */
    static ConnectionConfig everything() {
        return stdio(ServerEverything.stdioCommand());
    }

    /** The scripted server over stdio, logging each method it receives to {@code log}. */
    static ConnectionConfig scripted(ScriptedServer.Script script, Path log) {
        return stdio(Commands.java(ScriptedServer.class.getName(), script.name(), log.toString()));
    }

    /** {@code sh -c '<command>; exit $?'}: a wrapper that stays the parent of the server, as npx does. */
    static ConnectionConfig wrapped(List<String> command) {
        var quoted = new StringBuilder();
        command.forEach(word -> quoted.append('\'').append(word.replace("'", "'\\''")).append("' "));
        return stdio(List.of("sh", "-c", quoted + "; exit $?"));
    }

    static ConnectionConfig http(String url) {
        return ConnectionConfig.http(url).withTimeout(TIMEOUT);
    }
}
