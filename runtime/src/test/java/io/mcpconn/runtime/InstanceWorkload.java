package io.mcpconn.runtime;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.SessionHeldElsewhereException;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.DuplicateServerNameException;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A runtime instance on a shared PostgreSQL database in a process of its own, driven phase by
 * phase through its standard input so that two of them work at the same moment. It reaches the
 * database as libpq's tools would ({@code PGUSER}, {@code PGPASSWORD}) and seals secrets with
 * {@code MCPCONN_SECRET_KEY}, as a deployed instance does.
 *
 * <p>It answers one line per event on its standard output, fields split by single spaces:
 * <pre>
 * (on start)                        → DONE READY
 * REGISTER &lt;name&gt;…                 → REGISTERED &lt;name&gt; &lt;id&gt; | DUPLICATE &lt;name&gt; | ALREADY &lt;name&gt;
 * SAVE &lt;rounds&gt; &lt;name&gt;…            → SAVED &lt;id&gt; &lt;new version&gt; | CONFLICT &lt;id&gt; &lt;loaded version&gt;
 * CONNECT &lt;name&gt;…                  → HOLDING &lt;name&gt; &lt;id&gt; | ELSEWHERE &lt;name&gt;
 * QUIT                              → closes the instance (disconnecting its sessions) and exits
 * </pre>
 * Every command ends with {@code DONE <command>}; anything unexpected is {@code ERROR <command>
 * <exception> <message>}, and the instance goes on.
 */
public final class InstanceWorkload {

    /** The namespace every workload works in. */
    static final Namespace TEAM = Namespace.of("team-a");

    private final Mcpconn mcp;
    private final AgentId owner;
    private final int index;

    private InstanceWorkload(Mcpconn mcp, AgentId owner, int index) {
        this.mcp = mcp;
        this.owner = owner;
        this.index = index;
    }

    /** The name of the {@code i}th server the register phase registers. */
    static String serverName(int i) {
        return String.format("server-%02d", i);
    }

    /** {@code <jdbc url> <instance id> <instance index, 0 or 1> <lease millis>} */
    public static void main(String[] args) throws IOException {
        var options = PostgresDatabaseOptions.fromEnvironment(args[0], System.getenv());
        var instance = InstanceId.of(args[1]);
        try (var mcp = Mcpconn.postgres(options).instanceId(instance)
                .leaseDuration(Duration.ofMillis(Long.parseLong(args[3]))).start()) {
            var workload = new InstanceWorkload(mcp, AgentId.of("agent-" + args[1]), Integer.parseInt(args[2]));
            say("DONE READY");
            var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = input.readLine()) != null && !line.equals("QUIT")) {
                var words = line.split(" ");
                workload.run(words[0], Arrays.asList(words).subList(1, words.length));
                say("DONE " + words[0]);
            }
        }
    }

    private void run(String command, List<String> arguments) {
        switch (command) {
            case "REGISTER" -> arguments.forEach(this::register);
            case "SAVE" -> save(Integer.parseInt(arguments.get(0)), arguments.subList(1, arguments.size()));
            case "CONNECT" -> arguments.forEach(this::connect);
            default -> say("ERROR " + command + " unknown command");
        }
    }

    // Both instances register the same names for different agents: one registration per name may win.
    private void register(String name) {
        try {
            var registration = mcp.register().handle(new RegisterConnectionCommand(TEAM, owner, ServerName.of(name),
                    McpconnTest.stdioEverything()));
            say((registration.created() ? "REGISTERED " : "ALREADY ") + name + " " + registration.connection().id());
        } catch (DuplicateServerNameException e) {
            say("DUPLICATE " + name);
        } catch (RuntimeException e) {
            error("REGISTER", e);
        }
    }

    // Load, change a stored field, save: round after round over a few connections the other instance changes too.
    private void save(int rounds, List<String> names) {
        for (int round = 0; round < rounds; round++) {
            var name = ServerName.of(names.get(round % names.size()));
            try {
                var connection = mcp.repository().findByServerName(TEAM, name).orElseThrow();
                long loaded = connection.version();
                // Unique to this instance and round, so that it always differs from the stored timeout.
                var timeout = Duration.ofMillis(10_000 + 2L * round + index);
                if (!connection.reconfigure(connection.config().withTimeout(timeout), Instant.now())) {
                    say("ERROR SAVE nothing changed for " + name.value());
                    continue;
                }
                try {
                    mcp.repository().save(connection);
                    say("SAVED " + connection.id() + " " + connection.version());
                } catch (ConcurrentUpdateException e) {
                    say("CONFLICT " + connection.id() + " " + loaded);
                }
            } catch (RuntimeException e) {
                error("SAVE", e);
            }
        }
    }

    private void connect(String name) {
        try {
            var connected = mcp.connect().handle(new ConnectCommand(TEAM, ConnectionRef.named(name)));
            say("HOLDING " + name + " " + connected.connection().connection().id());
        } catch (SessionHeldElsewhereException e) {
            say("ELSEWHERE " + name);
        } catch (RuntimeException e) {
            error("CONNECT", e);
        }
    }

    private static void error(String command, RuntimeException e) {
        say("ERROR " + command + " " + e.getClass().getName() + " " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
