package io.mcpconn.cli;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionView;
import io.mcpconn.application.disconnect.DisconnectCommand;
import io.mcpconn.application.disconnect.DisconnectResult;
import io.mcpconn.application.query.ListConnectionsQuery;
import io.mcpconn.application.removal.RemoveConnectionCommand;
import io.mcpconn.application.tool.CallToolCommand;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.PageCursor;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.runtime.Mcpconn;
import io.mcpconn.runtime.McpconnBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code mcpconn connections}: register MCP servers, connect them, list their tools, call them.
 * A command-line process keeps no session after it exits: {@code connect} discovers and stores the
 * tools, then closes the session and says so; {@code call} opens a session for the call.
 */
// Its @Command methods are added by McpconnCommand: only the one a command line runs.
@Command(name = "connections", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Register MCP servers for an agent, connect them, list and call their tools.")
final class ConnectionsCommand implements Runnable {

    private static final int CLI_POOL_SIZE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--namespace", scope = ScopeType.INHERIT, paramLabel = "NAMESPACE",
            description = "The tenant (default: $MCPCONN_NAMESPACE, else 'default').")
    String namespace;

    @Option(names = "--agent", scope = ScopeType.INHERIT, paramLabel = "AGENT",
            description = "The agent acting (default: $MCPCONN_AGENT, else 'cli').")
    String agent;

    final McpconnCommand top;

    ConnectionsCommand(McpconnCommand top) {
        this.top = top;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; try: mcpconn connections --help");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the namespace's connections, newest first.")
    int list(@Option(names = "--mine", description = "Only the agent's own connections.") boolean mine,
             @Option(names = "--status", paramLabel = "STATUS", description = "Only connections in this status.")
             ConnectionStatus status,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Page size (default: ${DEFAULT-VALUE}).")
             int limit,
             @Option(names = "--after", paramLabel = "CURSOR", description = "The 'next' cursor of the previous page.")
             String after) {
        var output = output();
        var request = after == null ? PageRequest.first(limit) : PageRequest.after(PageCursor.decode(after), limit);
        var query = new ListConnectionsQuery(namespace(), mine ? Optional.of(agent()) : Optional.empty(),
                Optional.ofNullable(status), request);
        var page = withMcpconn(mcp -> mcp.connections().list(query));
        var rows = new ArrayList<List<String>>();
        rows.add(Output.row("NAME", "STATUS", "TOOLS", "TRANSPORT", "OWNER", "SESSION"));
        page.items().forEach(view -> rows.add(ConnectionText.row(view)));
        if (page.items().isEmpty() && page.unreadable().isEmpty()) {
            output.line("no connections in namespace " + namespace() + "; add one with: mcpconn connections add NAME --url URL");
        } else if (!page.items().isEmpty()) {
            output.table(rows);
        }
        page.unreadable().forEach(row -> output.line("unreadable: " + row.describe()));
        page.next().ifPresent(cursor -> output.line("more: mcpconn connections list --after " + cursor.encode()));
        var document = document("list");
        document.put("connections", page.items().stream().map(ConnectionText::summary).toList());
        document.put("unreadable", page.unreadable().stream().map(ConnectionText::unreadable).toList());
        document.put("next", page.next().map(PageCursor::encode).orElse(null));
        output.document(document);
        return ExitCode.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one connection: configuration (secrets masked), status, tools, session.")
    int show(@Parameters(paramLabel = "NAME") String name) {
        var output = output();
        var view = withMcpconn(mcp -> mcp.connections().get(namespace(), ConnectionRef.named(name)));
        output.table(ConnectionText.details(view));
        var document = document("show");
        document.put("connection", ConnectionText.full(view));
        output.document(document);
        return ExitCode.OK;
    }

    @Command(name = "tools", mixinStandardHelpOptions = true, description = "List the tools the server offered when it was last connected.")
    int tools(@Parameters(paramLabel = "NAME") String name) {
        var output = output();
        var view = withMcpconn(mcp -> mcp.connections().get(namespace(), ConnectionRef.named(name)));
        var tools = view.connection().tools();
        if (tools.isEmpty()) {
            output.line(name + " has no tools known yet; discover them with: mcpconn connections connect " + name);
        } else {
            var rows = new ArrayList<List<String>>();
            rows.add(Output.row("TOOL", "CATEGORY", "DESCRIPTION"));
            tools.forEach(tool -> rows.add(Output.row(tool.name(), tool.category().storageName(),
                    ConnectionText.oneLine(tool.description().orElse(""), 80))));
            output.table(rows);
        }
        var document = document("tools");
        document.put("connection", name);
        document.put("tools", ConnectionText.tools(tools));
        output.document(document);
        return ExitCode.OK;
    }

    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = {"Connect the server, discover its tools and store them.",
                "A command-line process keeps no session: the session is closed again before the command ends."})
    int connect(@Parameters(paramLabel = "NAME") String name) {
        var output = output();
        var ref = ConnectionRef.named(name);
        var result = withMcpconn(mcp -> {
            var connected = SessionSteps.connect(mcp, namespace(), ref, output);
            var closed = SessionSteps.close(mcp, namespace(), ref, output);
            return Map.entry(connected, closed);
        });
        var view = result.getValue().connection();
        output.line(name + " is " + view.connection().status() + " with " + view.connection().tools().size()
                + " tools stored (list them with: mcpconn connections tools " + name + ")");
        var document = document("connect");
        document.put("connection", ConnectionText.full(view));
        document.put("server", result.getKey().server().map(ConnectionText::server).orElse(null));
        document.put("attempts", result.getKey().attempts());
        document.put("sessionClosed", result.getValue().problem().orElse("gracefully"));
        output.document(document);
        return ExitCode.OK;
    }

    @Command(name = "call", mixinStandardHelpOptions = true,
            description = {"Call a tool of the server with JSON arguments; prints what it returned.",
                "Opens a session for the call (connecting first if needed) and closes it after.",
                "Exits 1 if the tool reported an error."})
    int call(@Parameters(index = "0", paramLabel = "NAME") String name,
             @Parameters(index = "1", paramLabel = "TOOL") String tool,
             @Option(names = "--args", paramLabel = "JSON", description = "The arguments, a JSON object (default: {}).")
             String args,
             @Option(names = "--args-file", paramLabel = "FILE", description = "Read the arguments from a file.")
             Path argsFile) {
        var output = output();
        var arguments = arguments(args, argsFile);
        var ref = ConnectionRef.named(name);
        var result = withMcpconn(mcp -> {
            var view = mcp.connections().get(namespace(), ref);
            boolean ownSession = view.connection().status() != ConnectionStatus.ACTIVE;
            if (ownSession) {
                SessionSteps.connect(mcp, namespace(), ref, output);
            }
            try {
                return mcp.callTool().handle(new CallToolCommand(namespace(), ref, tool, arguments));
            } finally {
                if (ownSession) {
                    SessionSteps.close(mcp, namespace(), ref, output);
                }
            }
        });
        ConnectionText.result(result).forEach(output::line);
        var document = document("call");
        document.put("connection", name);
        document.put("tool", tool);
        document.putAll(ConnectionText.resultDocument(result));
        output.document(document);
        return result.isError() ? ExitCode.VERIFY_FAILED : ExitCode.OK;
    }

    @Command(name = "disconnect", mixinStandardHelpOptions = true,
            description = "Disconnect the server; a disconnected one is left as it is, a stale session is recovered.")
    int disconnect(@Parameters(paramLabel = "NAME") String name) {
        var output = output();
        var result = withMcpconn(mcp -> mcp.disconnect().handle(new DisconnectCommand(namespace(),
                ConnectionRef.named(name), "requested by " + agent() + " (mcpconn connections disconnect)")));
        output.line(switch (result.outcome()) {
            case ALREADY_DISCONNECTED -> name + " is already disconnected; nothing to do";
            case ERROR_CLEARED -> name + " was in ERROR; its error is cleared and it is DISCONNECTED";
            case RECOVERED_STALE -> name + " had a session lost with a stopped process; it is recovered and DISCONNECTED";
            case CLOSED -> name + " is disconnected" + result.problem().map(p -> " (" + p + ")").orElse("");
        });
        var document = document("disconnect");
        document.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        document.put("problem", result.problem().orElse(null));
        document.put("connection", ConnectionText.full(result.connection()));
        output.document(document);
        return ExitCode.OK;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a connection for good; only its owner (--agent) may. A connected one is disconnected first.")
    int remove(@Parameters(paramLabel = "NAME") String name) {
        var output = output();
        var removed = withMcpconn(mcp -> mcp.remove().handle(new RemoveConnectionCommand(namespace(), agent(),
                ConnectionRef.named(name))));
        output.line("removed " + name + " (" + removed.id() + ")");
        var document = document("remove");
        document.put("removed", name);
        document.put("id", removed.id().value());
        output.document(document);
        return ExitCode.OK;
    }

    Output output() {
        return top.output(spec.commandLine());
    }

    Namespace namespace() {
        return Namespace.of(namespace != null ? namespace : top.environment("MCPCONN_NAMESPACE").orElse("default"));
    }

    AgentId agent() {
        return AgentId.of(agent != null ? agent : top.environment("MCPCONN_AGENT").orElse("cli"));
    }

    /** Opens mcpconn on the command's database (migrating it), runs {@code work}, closes everything. */
    <T> T withMcpconn(Function<Mcpconn, T> work) {
        return open(top, output(), work);
    }

    /** Opens mcpconn on {@code top}'s database for one command (migrating it), runs {@code work}, closes everything. */
    static <T> T open(McpconnCommand top, Output output, Function<Mcpconn, T> work) {
        var location = top.location();
        // One short command needs few connections: Flyway's lock and the work, the pool's default is for a runtime.
        McpconnBuilder storage = location.server()
                .map(server -> Mcpconn.postgres(PostgresDatabaseOptions.fromEnvironment(server, top.environment())
                        .withPoolSize(CLI_POOL_SIZE)))
                .orElseGet(() -> Mcpconn.sqlite(location.file()).busyTimeout(top.busyTimeout()));
        // Beside the pid, 32 bits of ThreadLocalRandom tell commands apart: a SecureRandom would cost
        // every command its providers' set-up (about 10 ms), and the id is a name, not a secret.
        var instance = InstanceId.random("cli-" + ProcessHandle.current().pid(), ThreadLocalRandom.current());
        try (var mcp = storage.clock(top.clock()).secretsEnvironment(top.environment()).instanceId(instance).start()) {
            mcp.createdKeyFile().ifPresent(file -> output.notice("created " + file + " (owner-only): the key that"
                    + " seals the api keys, URL credentials and environment values stored in " + location.shown()
                    + ". Keep it, and back it up apart from the database: without it they cannot be read"));
            return work.apply(mcp);
        }
    }

    Map<String, Object> document(String command) {
        var document = new LinkedHashMap<String, Object>();
        document.put("command", "connections " + command);
        document.put("database", top.location().shown());
        document.put("namespace", namespace().value());
        return document;
    }

    private JsonObject arguments(String args, Path argsFile) {
        if (args != null && argsFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either --args or --args-file, not both");
        }
        String text = args;
        if (argsFile != null) {
            try {
                text = Files.readString(argsFile);
            } catch (java.io.IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Cannot read --args-file " + argsFile
                        + ": " + e.getMessage());
            }
        }
        if (text == null) {
            return JsonObject.EMPTY;
        }
        try {
            return CliJson.object(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "The tool arguments must be a JSON object, e.g. --args '{\"message\": \"hi\"}': " + e.getMessage());
        }
    }
}
