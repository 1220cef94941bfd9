package io.mcpconn.cli;

import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.Secrets;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.connection.ServerName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mcpconn connections add}: registers a server. Secrets never come from the command line
 * itself, where shell history keeps them: the api key comes from a variable or a file, and a
 * secret header, environment value, argument or URL credential must be given as {@code @env:VAR}
 * or {@code @file:PATH}; a literal one is refused. Adding the same server again changes nothing.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Register an MCP server for the agent, disconnected; connect it with: mcpconn connections connect NAME.",
            "Any value may be given as @env:VAR or @file:PATH; secrets must be."})
final class AddCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ConnectionsCommand connections;

    @Parameters(paramLabel = "NAME", description = "The server's name in the namespace, e.g. everything.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--url", paramLabel = "URL", description = "A Streamable HTTP server, e.g. http://localhost:3001/mcp.")
        String url;

        @Option(names = "--stdio", paramLabel = "\"CMD ARGS\"",
                description = "A server started as a process, e.g. \"npx -y @modelcontextprotocol/server-everything stdio\".")
        String stdio;
    }

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A header sent with every HTTP request (repeatable).")
    List<String> headers = List.of();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable of the stdio server (repeatable).")
    List<String> env = List.of();

    @Option(names = "--cwd", paramLabel = "DIR", description = "The stdio server's working directory.")
    Path cwd;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Read the api key from this environment variable.")
    String apiKeyEnv;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "Read the api key from this file.")
    Path apiKeyFile;

    @Option(names = "--api-key-header", paramLabel = "NAME",
            description = "Send the api key as this header's value instead of Authorization: Bearer.")
    String apiKeyHeader;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long one request may take (default: 30).")
    Double timeout;

    @Option(names = "--retries", paramLabel = "N", description = "How often a failed connect is retried (default: 3).")
    Integer retries;

    @Override
    public Integer call() {
        var output = connections.output();
        var values = new CommandLineValues(connections.top, spec.commandLine());
        var config = config(values);
        var command = new RegisterConnectionCommand(connections.namespace(), connections.agent(), ServerName.of(name), config);
        var registration = connections.withMcpconn(mcp -> mcp.register().handle(command));
        output.line(registration.created()
                ? "registered " + name + " (" + ConnectionText.transport(config) + ") for agent " + connections.agent()
                        + " in namespace " + connections.namespace() + "; connect it with: mcpconn connections connect " + name
                : name + " is already registered with this configuration; nothing changed");
        var document = connections.document("add");
        document.put("name", name);
        document.put("id", registration.connection().id().value());
        document.put("created", registration.created());
        document.put("transport", ConnectionText.transport(config));
        output.document(document);
        return ExitCode.OK;
    }

    private ConnectionConfig config(CommandLineValues values) {
        var config = ConnectionConfig.of(where.url != null ? http(values) : stdio(values));
        if (timeout != null) {
            config = config.withTimeout(Duration.ofMillis(Math.round(timeout * 1000)));
        }
        if (retries != null) {
            config = config.withRetryAttempts(retries);
        }
        var key = apiKey(values);
        if (key.isPresent()) {
            config = config.withApiKey(apiKeyHeader == null ? key.get() : key.get().inHeader(apiKeyHeader));
        } else if (apiKeyHeader != null) {
            throw usage("--api-key-header names where the key goes; give the key with --api-key-env or --api-key-file");
        }
        return config;
    }

    private HttpTransport http(CommandLineValues values) {
        if (!env.isEmpty() || cwd != null) {
            throw usage("--env and --cwd are for --stdio servers; an HTTP server takes --header");
        }
        var url = values.resolve("--url", where.url);
        var transport = HttpTransport.of(url.value(), Map.of());
        if (url.literal() && !transport.secrets().isEmpty()) {
            throw usage("the URL carries credentials (user info or a token parameter), which shell history would keep;"
                    + " give it as --url @env:VAR or @file:PATH, or send the token as a header");
        }
        var resolved = new LinkedHashMap<String, String>();
        for (var header : headers) {
            var pair = values.pair("--header", header);
            if (pair.literal() && HttpTransport.isSecretHeader(pair.name())) {
                throw usage(secretLiteral("--header " + pair.name()));
            }
            resolved.put(pair.name(), pair.value());
        }
        return HttpTransport.of(url.value(), resolved);
    }

    private StdioTransport stdio(CommandLineValues values) {
        if (!headers.isEmpty()) {
            throw usage("--header is for --url servers; a stdio server takes --env");
        }
        var line = values.resolve("--stdio", where.stdio);
        List<String> words;
        try {
            words = CommandLineWords.split(line.value());
        } catch (IllegalArgumentException e) {
            throw usage("--stdio: " + e.getMessage());
        }
        if (words.isEmpty()) {
            throw usage("--stdio needs a command, e.g. --stdio \"npx -y @modelcontextprotocol/server-everything stdio\"");
        }
        var resolved = new LinkedHashMap<String, String>();
        for (var variable : env) {
            var pair = values.pair("--env", variable);
            if (pair.literal() && Secrets.isSecretName(pair.name())) {
                throw usage(secretLiteral("--env " + pair.name()));
            }
            resolved.put(pair.name(), pair.value());
        }
        var workingDirectory = Optional.ofNullable(cwd).map(dir -> connections.top.workingDirectory().resolve(dir).toAbsolutePath().normalize());
        var transport = new StdioTransport(words.get(0), words.subList(1, words.size()), resolved, workingDirectory);
        if (line.literal() && !transport.maskedArgs().equals(transport.args())) {
            throw usage("the command's arguments carry a secret (" + String.join(" ", transport.maskedArgs())
                    + "), which shell history would keep; pass it to the server through --env NAME=@env:VAR,"
                    + " or give the whole command as --stdio @file:PATH");
        }
        return transport;
    }

    private Optional<ApiKey> apiKey(CommandLineValues values) {
        if (apiKeyEnv != null && apiKeyFile != null) {
            throw usage("give the api key with --api-key-env or --api-key-file, not both");
        }
        if (apiKeyEnv != null) {
            return Optional.of(ApiKey.of(values.resolve("--api-key-env", "@env:" + apiKeyEnv).value()));
        }
        if (apiKeyFile != null) {
            return Optional.of(ApiKey.of(values.resolve("--api-key-file", "@file:" + apiKeyFile).value().strip()));
        }
        return Optional.empty();
    }

    private static String secretLiteral(String what) {
        return what + " holds a secret, and secrets are not taken from the command line (shell history keeps them);"
                + " give its value as @env:VAR or @file:PATH";
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
