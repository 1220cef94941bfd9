package io.mcpconn.cli;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connect.ConnectResult;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.disconnect.DisconnectCommand;
import io.mcpconn.application.disconnect.DisconnectResult;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.runtime.Mcpconn;
import java.time.Duration;
import java.time.Instant;

/**
 * The two steps every session of a command-line process has, each shown as one progress line:
 * connecting (which can take seconds: a server to start, retries) and closing again, since the
 * process keeps no session after it exits.
 */
final class SessionSteps {

    private SessionSteps() {
    }

    static ConnectResult connect(Mcpconn mcp, Namespace namespace, ConnectionRef ref, Output output) {
        var view = mcp.connections().get(namespace, ref);
        var config = view.connection().config();
        var how = config.transport() instanceof HttpTransport http ? http.maskedUrl()
                : "stdio: " + ((StdioTransport) config.transport()).command() + " "
                        + String.join(" ", ((StdioTransport) config.transport()).maskedArgs());
        output.progress().started("connecting " + ref + " (" + ConnectionText.oneLine(how, 100) + ")");
        var started = Instant.now();
        var result = mcp.connect().handle(new ConnectCommand(namespace, ref));
        output.progress().finished("connected in " + seconds(Duration.between(started, Instant.now()))
                + ", " + result.connection().connection().tools().size() + " tools"
                + result.server().map(server -> " (" + server.name() + " " + server.version() + ")").orElse("")
                + (result.attempts() > 1 ? ", after " + result.attempts() + " attempts" : ""));
        return result;
    }

    static DisconnectResult close(Mcpconn mcp, Namespace namespace, ConnectionRef ref, Output output) {
        output.progress().started("closing the session (a command-line process keeps none)");
        var result = mcp.disconnect().handle(new DisconnectCommand(namespace, ref,
                "session closed at the end of an mcpconn command"));
        output.progress().finished(result.problem().map(problem -> "closed: " + problem).orElse("closed"));
        return result;
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
