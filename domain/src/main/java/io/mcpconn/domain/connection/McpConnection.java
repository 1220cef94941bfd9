package io.mcpconn.domain.connection;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.McpConnectionEvent.Connected;
import io.mcpconn.domain.connection.McpConnectionEvent.ConfigurationChanged;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionFailed;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRegistered;
import io.mcpconn.domain.connection.McpConnectionEvent.Disconnected;
import io.mcpconn.domain.connection.McpConnectionEvent.DisconnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ToolsChanged;
import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.domain.tool.ToolChanges;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's connection to one MCP server: the aggregate root. It is identified by its
 * {@link ConnectionId} (equality is by id alone) and belongs to one {@link Namespace} and one
 * owning {@link AgentId}.
 *
 * <p>Its status only changes through the commands below, each of which checks
 * {@link ConnectionStatus}'s transition table, stamps the time from the injected {@link Clock}
 * and records one {@link McpConnectionEvent}. A command that is not allowed throws and leaves the
 * connection exactly as it was. The application saves the connection, then
 * {@linkplain #pullEvents() pulls} and publishes its events.
 *
 * <p>Times are kept to the microsecond, the precision the seed's {@code DATETIME} columns store,
 * so that a saved and reloaded connection equals the one saved.
 *
 * <p>Not thread-safe: load, change and save it on one thread, as a unit of work.
 */
public final class McpConnection {

    /** Longest error text kept; longer ones are cut, since servers may send whole stack traces. */
    public static final int MAX_ERROR_LENGTH = 4000;

    private final ConnectionId id;
    private final ServerName serverName;
    private final Namespace namespace;
    private final AgentId agentId;
    private final Instant createdAt;
    private final Clock clock;
    private final List<McpConnectionEvent> events = new ArrayList<>();

    private ConnectionConfig config;
    private ConnectionStatus status;
    private ToolCatalog tools;
    private Optional<String> errorMessage;
    private Optional<Instant> errorAt;
    private Optional<Instant> connectedAt;
    private Optional<Instant> disconnectedAt;
    private Optional<Instant> updatedAt;
    private long version;

    private McpConnection(McpConnectionSnapshot state, Clock clock) {
        this.id = state.id();
        this.serverName = state.serverName();
        this.namespace = state.namespace();
        this.agentId = state.agentId();
        this.config = state.config();
        this.createdAt = state.createdAt();
        this.status = state.status();
        this.tools = state.tools();
        this.errorMessage = state.errorMessage();
        this.errorAt = state.errorAt();
        this.connectedAt = state.connectedAt();
        this.disconnectedAt = state.disconnectedAt();
        this.updatedAt = state.updatedAt();
        this.version = state.version();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A new, {@link ConnectionStatus#DISCONNECTED} connection with a random id and no tools.
     * Records {@link ConnectionRegistered}.
     */
    public static McpConnection register(ServerName serverName, Namespace namespace, AgentId owner,
                                         ConnectionConfig config, Clock clock) {
        return register(ConnectionId.random(), serverName, namespace, owner, config, clock);
    }

    /** As {@link #register(ServerName, Namespace, AgentId, ConnectionConfig, Clock)}, with a given id. */
    public static McpConnection register(ConnectionId id, ServerName serverName, Namespace namespace,
                                         AgentId owner, ConnectionConfig config, Clock clock) {
        var now = now(clock);
        var connection = new McpConnection(new McpConnectionSnapshot(id, serverName, namespace, owner, config,
                ConnectionStatus.initial(), ToolCatalog.EMPTY, Optional.empty(), Optional.empty(), now,
                Optional.empty(), Optional.empty(), Optional.empty(), 0), clock);
        connection.events.add(new ConnectionRegistered(id, namespace, serverName, owner, now));
        return connection;
    }

    /**
     * Rebuilds a stored connection as it was, recording no events. For repository adapters;
     * stored data is trusted to have come through these commands (or the Python service), so
     * the status is not re-checked against the timestamps.
     */
    public static McpConnection restore(McpConnectionSnapshot state, Clock clock) {
        return new McpConnection(Objects.requireNonNull(state, "state"), clock);
    }

    /** DISCONNECTED or ERROR → CONNECTING. Records {@link ConnectingStarted}. */
    public void startConnecting() {
        var now = moveTo(ConnectionStatus.CONNECTING);
        events.add(new ConnectingStarted(id, namespace, serverName, now));
    }

    /**
     * CONNECTING (or DISCONNECTED, for servers reached without a handshake) → ACTIVE, offering
     * {@code discovered}. Clears the last error. Records {@link Connected}.
     */
    public void markActive(ToolCatalog discovered) {
        Objects.requireNonNull(discovered, "discovered tools");
        var now = moveTo(ConnectionStatus.ACTIVE);
        tools = discovered;
        connectedAt = Optional.of(now);
        errorMessage = Optional.empty();
        errorAt = Optional.empty();
        events.add(new Connected(id, namespace, serverName, discovered.size(), now));
    }

    /**
     * Any status that may fail → ERROR, keeping {@code error} (redacted of the api key, cut to
     * {@link #MAX_ERROR_LENGTH}). Records {@link ConnectionFailed}.
     */
    public void fail(String error) {
        Checks.present(error, "error description");
        if (error.isBlank()) {
            throw new InvalidValueException("error description of connection " + id + " must not be blank");
        }
        var redacted = config.redact(error.strip());
        var kept = redacted.length() > MAX_ERROR_LENGTH ? redacted.substring(0, MAX_ERROR_LENGTH) : redacted;
        var previous = status;
        var now = moveTo(ConnectionStatus.ERROR);
        errorMessage = Optional.of(kept);
        errorAt = Optional.of(now);
        events.add(new ConnectionFailed(id, namespace, serverName, previous, kept, now));
    }

    /** ACTIVE → DISCONNECTING. Records {@link DisconnectingStarted}. */
    public void startDisconnecting() {
        var now = moveTo(ConnectionStatus.DISCONNECTING);
        events.add(new DisconnectingStarted(id, namespace, serverName, now));
    }

    /**
     * CONNECTING, ACTIVE, DISCONNECTING or ERROR → DISCONNECTED, for {@code reason}. Records
     * {@link Disconnected}, graceful when it came from DISCONNECTING. The tools last seen are
     * kept: they say what the server offered when it was last reachable.
     */
    public void disconnect(String reason) {
        Checks.text(reason, "disconnect reason", MAX_ERROR_LENGTH);
        var graceful = status == ConnectionStatus.DISCONNECTING;
        var now = moveTo(ConnectionStatus.DISCONNECTED);
        disconnectedAt = Optional.of(now);
        events.add(new Disconnected(id, namespace, serverName, config.redact(reason), graceful, now));
    }

    /**
     * Replaces the tools of an ACTIVE connection after a re-discovery. Records
     * {@link ToolsChanged} when something changed and nothing otherwise.
     *
     * @return what changed, by tool name
     * @throws ConnectionNotActiveException if the connection is not ACTIVE
     */
    public ToolChanges replaceTools(ToolCatalog discovered) {
        Objects.requireNonNull(discovered, "discovered tools");
        if (status != ConnectionStatus.ACTIVE) {
            throw new ConnectionNotActiveException(id, serverName, status);
        }
        var changes = tools.changesTo(discovered);
        if (!changes.isEmpty()) {
            var now = now(clock);
            tools = discovered;
            updatedAt = Optional.of(now);
            events.add(new ToolsChanged(id, namespace, serverName, changes, now));
        }
        return changes;
    }

    /**
     * Replaces how the server is reached (a new URL, a rotated api key, another timeout). Only a
     * connection that is not in use may be reconfigured: DISCONNECTED or ERROR; the next connect
     * uses the new configuration. Records {@link ConfigurationChanged} when something changed and
     * nothing otherwise; the event says what kind of thing changed, never the values.
     *
     * @return whether anything changed
     * @throws ConnectionInUseException if the connection is connecting, active or disconnecting
     */
    public boolean reconfigure(ConnectionConfig newConfig) {
        Objects.requireNonNull(newConfig, "new config");
        if (status != ConnectionStatus.DISCONNECTED && status != ConnectionStatus.ERROR) {
            throw new ConnectionInUseException(id, serverName, status);
        }
        if (newConfig.equals(config)) {
            return false;
        }
        var now = now(clock);
        var event = new ConfigurationChanged(id, namespace, serverName,
                !newConfig.transport().equals(config.transport()),
                newConfig.authRequired() != config.authRequired() || !newConfig.apiKey().equals(config.apiKey()),
                now);
        config = newConfig;
        updatedAt = Optional.of(now);
        events.add(event);
        return true;
    }

    /** The events recorded since the last call, oldest first; clears them. */
    public List<McpConnectionEvent> pullEvents() {
        var pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    /**
     * Records that a repository stored this connection as {@code savedVersion}. For repository
     * adapters, after a successful write; the next save must then find that version stored.
     *
     * @throws InvalidValueException if {@code savedVersion} is not the next version
     */
    public void markSaved(long savedVersion) {
        if (savedVersion != version + 1) {
            throw new InvalidValueException("connection " + id + " is at version " + version
                    + " and can only be saved as version " + (version + 1) + ", not " + savedVersion);
        }
        version = savedVersion;
    }

    /** Every stored field, as one value. */
    public McpConnectionSnapshot snapshot() {
        return new McpConnectionSnapshot(id, serverName, namespace, agentId, config, status, tools,
                errorMessage, errorAt, createdAt, connectedAt, disconnectedAt, updatedAt, version);
    }

    private Instant moveTo(ConnectionStatus next) {
        if (!status.canTransitionTo(next)) {
            throw new InvalidStateTransitionException(id, serverName, status, next);
        }
        var now = now(clock);
        status = next;
        updatedAt = Optional.of(now);
        return now;
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Identity. */
    public ConnectionId id() {
        return id;
    }

    /** The name the agent knows the server by. */
    public ServerName serverName() {
        return serverName;
    }

    /** The namespace the connection belongs to. */
    public Namespace namespace() {
        return namespace;
    }

    /** The owning agent. */
    public AgentId agentId() {
        return agentId;
    }

    /** How to reach the server. */
    public ConnectionConfig config() {
        return config;
    }

    /** Where it is in its life cycle. */
    public ConnectionStatus status() {
        return status;
    }

    /** The tools last discovered. */
    public ToolCatalog tools() {
        return tools;
    }

    /** The last error, until the connection becomes active again. */
    public Optional<String> errorMessage() {
        return errorMessage;
    }

    /** When the last error happened. */
    public Optional<Instant> errorAt() {
        return errorAt;
    }

    /** When it was registered. */
    public Instant createdAt() {
        return createdAt;
    }

    /** When it last became active. */
    public Optional<Instant> connectedAt() {
        return connectedAt;
    }

    /** When it was last disconnected. */
    public Optional<Instant> disconnectedAt() {
        return disconnectedAt;
    }

    /** When it last changed. */
    public Optional<Instant> updatedAt() {
        return updatedAt;
    }

    /** How many times it has been saved; 0 if never. */
    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof McpConnection connection && id.equals(connection.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "McpConnection[id=" + id + ", serverName=" + serverName + ", namespace=" + namespace
                + ", agentId=" + agentId + ", status=" + status + ", tools=" + tools.size()
                + ", config=" + config + ", version=" + version + "]";
    }
}
