package io.mcpconn.infrastructure.jdbc.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.connection.McpConnectionEvent.ConfigurationChanged;
import io.mcpconn.domain.connection.McpConnectionEvent.Connected;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionFailed;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRegistered;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRemoved;
import io.mcpconn.domain.connection.McpConnectionEvent.Disconnected;
import io.mcpconn.domain.connection.McpConnectionEvent.DisconnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ToolsChanged;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.ToolChanges;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How an event is kept in {@code mcp_connection_events}: its kind in {@code event_type}
 * ({@code connection_registered} …), its connection, namespace and time in columns of their own,
 * and what only its kind has in {@code payload_json} (snake_case keys, as the seed's JSON columns).
 * Events carry no configuration, so nothing here is ever a secret.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private EventJson() {
    }

    /** The {@code event_type} of {@code event}. */
    public static String type(McpConnectionEvent event) {
        return event.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The {@code payload_json} of {@code event}. */
    public static String payload(McpConnectionEvent event) {
        var json = MAPPER.createObjectNode();
        json.put("server_name", event.serverName().value());
        if (event instanceof ConnectionRegistered registered) {
            json.put("owner", registered.owner().value());
        } else if (event instanceof Connected connected) {
            json.put("tool_count", connected.toolCount());
        } else if (event instanceof ConnectionFailed failed) {
            json.put("previous_status", failed.previousStatus().storageName());
            json.put("error", failed.error());
        } else if (event instanceof Disconnected disconnected) {
            json.put("reason", disconnected.reason());
            json.put("graceful", disconnected.graceful());
        } else if (event instanceof ConfigurationChanged changed) {
            json.put("transport_changed", changed.transportChanged());
            json.put("authentication_changed", changed.authenticationChanged());
        } else if (event instanceof ConnectionRemoved removed) {
            json.put("by", removed.by().value());
        } else if (event instanceof ToolsChanged tools) {
            names(json.putArray("added"), tools.changes().added());
            names(json.putArray("removed"), tools.changes().removed());
            names(json.putArray("changed"), tools.changes().changed());
        }
        return json.toString();
    }

    /**
     * The event a row holds.
     *
     * @throws IllegalArgumentException if the row does not hold one (unknown type, missing or wrong fields)
     */
    public static McpConnectionEvent read(String type, String payload, ConnectionId id, Namespace namespace,
                                          Instant occurredAt) {
        JsonNode json;
        try {
            json = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload_json is not JSON", e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("payload_json is not a JSON object");
        }
        var object = (ObjectNode) json;
        var server = ServerName.of(text(object, "server_name"));
        return switch (type) {
            case "connection_registered" -> new ConnectionRegistered(id, namespace, server,
                    AgentId.of(text(object, "owner")), occurredAt);
            case "connecting_started" -> new ConnectingStarted(id, namespace, server, occurredAt);
            case "connected" -> new Connected(id, namespace, server, number(object, "tool_count"), occurredAt);
            case "connection_failed" -> new ConnectionFailed(id, namespace, server,
                    status(text(object, "previous_status")), text(object, "error"), occurredAt);
            case "disconnecting_started" -> new DisconnectingStarted(id, namespace, server, occurredAt);
            case "disconnected" -> new Disconnected(id, namespace, server, text(object, "reason"),
                    flag(object, "graceful"), occurredAt);
            case "configuration_changed" -> new ConfigurationChanged(id, namespace, server,
                    flag(object, "transport_changed"), flag(object, "authentication_changed"), occurredAt);
            case "connection_removed" -> new ConnectionRemoved(id, namespace, server, AgentId.of(text(object, "by")),
                    occurredAt);
            case "tools_changed" -> new ToolsChanged(id, namespace, server, new ToolChanges(names(object, "added"),
                    names(object, "removed"), names(object, "changed")), occurredAt);
            default -> throw new IllegalArgumentException("event_type \"" + type + "\" is not a kind of event this"
                    + " version of mcpconn knows");
        };
    }

    private static ConnectionStatus status(String name) {
        return ConnectionStatus.fromStorageName(name)
                .orElseThrow(() -> new IllegalArgumentException("payload_json's previous_status \"" + name + "\" is not a status"));
    }

    private static void names(ArrayNode array, SortedSet<String> names) {
        names.forEach(array::add);
    }

    private static SortedSet<String> names(ObjectNode json, String key) {
        var node = json.get(key);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("payload_json has no list \"" + key + "\"");
        }
        var names = new TreeSet<String>();
        node.forEach(name -> {
            if (!name.isTextual()) {
                throw new IllegalArgumentException("payload_json's \"" + key + "\" holds a value that is not a name");
            }
            names.add(name.asText());
        });
        return names;
    }

    private static String text(ObjectNode json, String key) {
        var node = json.get(key);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("payload_json has no text \"" + key + "\"");
        }
        return node.asText();
    }

    private static int number(ObjectNode json, String key) {
        var node = json.get(key);
        if (node == null || !node.canConvertToInt()) {
            throw new IllegalArgumentException("payload_json has no whole number \"" + key + "\"");
        }
        return node.intValue();
    }

    private static boolean flag(ObjectNode json, String key) {
        var node = json.get(key);
        if (node == null || !node.isBoolean()) {
            throw new IllegalArgumentException("payload_json has no true/false \"" + key + "\"");
        }
        return node.booleanValue();
    }
}
