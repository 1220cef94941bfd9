package io.mcpconn.examples;

import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.event.EventRelay;
import io.mcpconn.application.registration.RegisterConnection;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.event.DeliveryPolicy;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Registers a connection, drives it through its life cycle and prints every event and the final
 * state: the quickest look at what the domain does.
 */
public final class LifecycleExample {

    private LifecycleExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        var clock = Clock.systemUTC();
        var inMemory = new InMemoryMcpConnectionRepository();
        McpConnectionRepository repository = inMemory;
        // The use case's events go through the outbox, as a runtime's do: stored with the save, then delivered.
        var relay = new EventRelay(inMemory.outbox(), stored -> out.println("  event: " + stored.event()),
                InstanceId.of("lifecycle-example"), clock, DeliveryPolicy.DEFAULT, Duration.ofMinutes(1), Duration.ofDays(1));
        var register = new RegisterConnection(new ConnectionStore(repository, relay), clock);
        var namespace = Namespace.of("test-namespace");

        out.println("register tmws_mcp (its api key is never printed)");
        var connection = register.handle(new RegisterConnectionCommand(namespace, AgentId.of("test-agent"),
                ServerName.of("tmws_mcp"),
                ConnectionConfig.http("http://localhost:8080/mcp").withApiKey(ApiKey.of("sk-example-secret"))))
                .connection();

        step(out, repository, connection, "start connecting", c -> c.startConnecting(clock.instant()));
        step(out, repository, connection, "fail", c -> c.fail("connection refused (server not started) for key sk-example-secret",
                clock.instant()));
        step(out, repository, connection, "retry", c -> c.startConnecting(clock.instant()));
        step(out, repository, connection, "mark active with 2 tools", c -> c.markActive(ToolCatalog.of(
                Tool.of("store_memory", Optional.of("Store semantic memory"), schema()),
                Tool.of("search_memories", Optional.of("Search semantic memories"), schema())), clock.instant()));
        step(out, repository, connection, "re-discover tools", c -> c.replaceTools(ToolCatalog.of(
                Tool.of("store_memory", Optional.of("Store semantic memory"), schema())), clock.instant()));
        step(out, repository, connection, "start connecting again (not allowed)", c -> c.startConnecting(clock.instant()));
        step(out, repository, connection, "start disconnecting", c -> c.startDisconnecting(clock.instant()));
        step(out, repository, connection, "disconnect", c -> c.disconnect("agent finished", clock.instant()));

        var stored = repository.findById(namespace, connection.id()).orElseThrow();
        out.println("stored: " + stored);
        out.println("tools last seen: " + stored.tools());
    }

    private static void step(PrintStream out, McpConnectionRepository repository, McpConnection connection,
                             String what, java.util.function.Consumer<McpConnection> command) {
        out.println(what);
        try {
            command.accept(connection);
            var events = connection.pendingEvents();
            repository.save(connection);
            events.forEach(event -> out.println("  event: " + event));
        } catch (DomainException refused) {
            out.println("  refused: " + refused.getMessage());
        }
        out.println("  status: " + connection.status());
    }

    private static JsonValue.JsonObject schema() {
        return JsonValue.object(Map.of("type", JsonValue.string("object"),
                "properties", JsonValue.object(Map.of("content", JsonValue.object(Map.of("type", JsonValue.string("string")))))));
    }
}
