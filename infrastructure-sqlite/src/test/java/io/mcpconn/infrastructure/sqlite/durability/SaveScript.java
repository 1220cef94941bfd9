package io.mcpconn.infrastructure.sqlite.durability;

import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded sequence of saves: registrations and every kind of change to the connections registered
 * so far, each through the aggregate's own commands, each saved through a repository. The same seed
 * against two repositories that store faithfully makes the same saves, so the in-memory one replays
 * what a killed process saved to SQLite, and every acknowledged state can be compared whole. Each
 * save stores the events its command recorded, in the same transaction.
 */
final class SaveScript {

    private static final Instant START = Instant.parse("2025-11-12T00:00:00Z");

    private final Random random;
    private final String tag;
    private final Map<ConnectionId, Namespace> registered = new LinkedHashMap<>();
    private int step;

    SaveScript(long seed) {
        this.random = new Random(seed);
        this.tag = Long.toHexString(seed);
    }

    /** The connections registered so far, with their namespaces. */
    Map<ConnectionId, Namespace> registered() {
        return Map.copyOf(registered);
    }

    /** The number of the next step. */
    int nextStep() {
        return step;
    }

    /**
     * Runs the next step against {@code repository}: loads a connection (or registers one), applies
     * one command, saves it.
     *
     * @return the connection the step saved
     */
    ConnectionId step(McpConnectionRepository repository) {
        Instant now = START.plusSeconds(step);
        int current = step++;
        if (registered.isEmpty() || random.nextInt(4) == 0) {
            ConnectionId id = ConnectionId.of(new UUID(random.nextLong(), random.nextLong()).toString());
            Namespace namespace = Namespace.of("ns-" + random.nextInt(3));
            McpConnection connection = McpConnection.register(id, ServerName.of("s-" + tag + "-" + current),
                    namespace, AgentId.of("agent-" + random.nextInt(3)), config(), now);
            repository.save(connection);
            registered.put(id, namespace);
            return id;
        }
        List<ConnectionId> ids = new ArrayList<>(registered.keySet());
        ConnectionId id = ids.get(random.nextInt(ids.size()));
        McpConnection connection = repository.findById(registered.get(id), id).orElseThrow(() ->
                new IllegalStateException("connection " + id + " saved by an earlier step is gone"));
        int choice = random.nextInt(2);
        try {
            switch (connection.status()) {
                case DISCONNECTED -> {
                    if (choice == 0) {
                        connection.startConnecting(now);
                    } else {
                        connection.reconfigure(config(), now);
                    }
                }
                case CONNECTING -> {
                    if (choice == 0) {
                        connection.markActive(tools(), now);
                    } else {
                        connection.fail("connection refused after " + random.nextInt(1000) + " ms", now);
                    }
                }
                case ACTIVE -> {
                    if (choice == 0) {
                        connection.startDisconnecting(now);
                    } else {
                        connection.replaceTools(tools(), now);
                    }
                }
                case DISCONNECTING -> connection.disconnect("closed by the script", now);
                case ERROR -> {
                    if (choice == 0) {
                        connection.startConnecting(now);
                    } else {
                        connection.disconnect("given up", now);
                    }
                }
            }
        } catch (DomainException refused) {
            // A command the aggregate refuses changes nothing; the unchanged connection is saved all the same.
        }
        repository.save(connection);
        return id;
    }

    private ConnectionConfig config() {
        ConnectionConfig config = random.nextBoolean()
                ? ConnectionConfig.http("http://localhost:" + (3000 + random.nextInt(1000)) + "/mcp")
                        .withApiKey(ApiKey.of("sk-" + Long.toHexString(random.nextLong())))
                : ConnectionConfig.stdio("npx", "-y", "@example/server-" + random.nextInt(50), "stdio");
        return config.withTimeout(Duration.ofSeconds(1 + random.nextInt(60))).withRetryAttempts(random.nextInt(5));
    }

    private ToolCatalog tools() {
        List<Tool> tools = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            tools.add(Tool.of("tool_" + i + "_" + random.nextInt(100), random.nextBoolean()
                    ? Optional.of("does " + "x".repeat(random.nextInt(200))) : Optional.empty(), Tool.NO_ARGUMENTS));
        }
        return ToolCatalog.of(tools);
    }
}
