package io.mcpconn.domain.connection;

import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.McpConnectionEvent.ConfigurationChanged;
import io.mcpconn.domain.connection.McpConnectionEvent.Connected;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionFailed;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRegistered;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRemoved;
import io.mcpconn.domain.connection.McpConnectionEvent.Disconnected;
import io.mcpconn.domain.connection.McpConnectionEvent.DisconnectingStarted;
import io.mcpconn.domain.connection.McpConnectionEvent.ToolsChanged;
import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolCatalog;
import io.mcpconn.domain.tool.ToolChanges;
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
 * <p>Its state only changes through the commands below. Each takes the time it happens at, checks
 * {@link ConnectionStatus}'s transition table and records one {@link McpConnectionEvent}; a
 * command that is not allowed throws and leaves the connection exactly as it was. The application
 * saves the connection, and the repository stores its {@linkplain #pendingEvents() events} with it.
 *
 * <p>Times are kept to the microsecond, the precision the seed's {@code DATETIME} columns store,
 * so that a saved and reloaded connection equals the one saved.
 *
 * <p>Not thread-safe: load, change and save it on one thread, as a unit of work.
 */
public final class McpConnection {

    private final ConnectionId id;
    private final ServerName serverName;
    private final Namespace namespace;
    private final AgentId agentId;
    private final Instant createdAt;
    private final List<McpConnectionEvent> events = new ArrayList<>();

    private ConnectionConfig config;
    private ConnectionStatus status;
    private ToolCatalog tools;
    private Optional<LastError> lastError;
    private Optional<Instant> connectedAt;
    private Optional<Instant> disconnectedAt;
    private Optional<Instant> updatedAt;
    private long version;
    private boolean removed;

    private McpConnection(McpConnectionSnapshot state) {
        this.id = state.id();
        this.serverName = state.serverName();
        this.namespace = state.namespace();
        this.agentId = state.agentId();
        this.config = state.config();
        this.createdAt = state.createdAt();
        this.status = state.status();
        this.tools = state.tools();
        this.lastError = state.lastError();
        this.connectedAt = state.connectedAt();
        this.disconnectedAt = state.disconnectedAt();
        this.updatedAt = state.updatedAt();
        this.version = state.version();
    }

    /**
     * A new, {@link ConnectionStatus#DISCONNECTED} connection with a random id and no tools,
     * created at {@code now}. Records {@link ConnectionRegistered}.
     */
    public static McpConnection register(ServerName serverName, Namespace namespace, AgentId owner,
                                         ConnectionConfig config, Instant now) {
        return register(ConnectionId.random(), serverName, namespace, owner, config, now);
    }

    /** As {@link #register(ServerName, Namespace, AgentId, ConnectionConfig, Instant)}, with a given id. */
    public static McpConnection register(ConnectionId id, ServerName serverName, Namespace namespace,
                                         AgentId owner, ConnectionConfig config, Instant now) {
        var at = micros(now);
        var connection = new McpConnection(new McpConnectionSnapshot(id, serverName, namespace, owner, config,
                ConnectionStatus.initial(), ToolCatalog.EMPTY, Optional.empty(), at,
                Optional.empty(), Optional.empty(), Optional.empty(), 0));
        connection.events.add(new ConnectionRegistered(id, namespace, serverName, owner, at));
        return connection;
    }

    /**
     * Rebuilds a stored connection as it was, recording no events. For repository adapters;
     * stored data is trusted to have come through these commands (or the Python service), so
     * the status is not re-checked against the timestamps.
     */
    public static McpConnection restore(McpConnectionSnapshot state) {
        return new McpConnection(Objects.requireNonNull(state, "state"));
    }

    /**
     * DISCONNECTED or ERROR → CONNECTING; the last error is gone. Records {@link ConnectingStarted}.
     *
     * @throws MissingApiKeyException if the server requires an api key that is not stored here
     */
    public void startConnecting(Instant now) {
        requireNotRemoved();
        if (config.lacksApiKey()) {
            throw new MissingApiKeyException(id, serverName);
        }
        var at = moveTo(ConnectionStatus.CONNECTING, now);
        lastError = Optional.empty();
        events.add(new ConnectingStarted(id, namespace, serverName, at));
    }

    /**
     * CONNECTING → ACTIVE, offering {@code discovered}: the session is initialized and its tools
     * listed. Records {@link Connected}.
     */
    public void markActive(ToolCatalog discovered, Instant now) {
        Objects.requireNonNull(discovered, "discovered tools");
        var at = moveTo(ConnectionStatus.ACTIVE, now);
        tools = discovered;
        connectedAt = Optional.of(at);
        events.add(new Connected(id, namespace, serverName, discovered.size(), at));
    }

    /**
     * CONNECTING or ACTIVE → ERROR, keeping {@code error} as the {@link LastError}, redacted of
     * every secret of the configuration and cut to {@link LastError#MAX_LENGTH}. Records
     * {@link ConnectionFailed}.
     */
    public void fail(String error, Instant now) {
        Checks.present(error, "error description");
        if (error.isBlank()) {
            throw new InvalidValueException("error description of connection " + id + " must not be blank");
        }
        var kept = cut(config.redact(error.strip()));
        var previous = status;
        var at = moveTo(ConnectionStatus.ERROR, now);
        lastError = Optional.of(new LastError(kept, at));
        events.add(new ConnectionFailed(id, namespace, serverName, previous, kept, at));
    }

    /** ACTIVE → DISCONNECTING. Records {@link DisconnectingStarted}. */
    public void startDisconnecting(Instant now) {
        var at = moveTo(ConnectionStatus.DISCONNECTING, now);
        events.add(new DisconnectingStarted(id, namespace, serverName, at));
    }

    /**
     * CONNECTING, ACTIVE, DISCONNECTING or ERROR → DISCONNECTED, for {@code reason}; the last
     * error is gone. Records {@link Disconnected}, graceful when it came from DISCONNECTING. The
     * tools last seen are kept: they say what the server offered when it was last reachable.
     */
    public void disconnect(String reason, Instant now) {
        disconnect(reason, status == ConnectionStatus.DISCONNECTING, now);
    }

    private void disconnect(String reason, boolean graceful, Instant now) {
        Checks.text(reason, "disconnect reason", LastError.MAX_LENGTH);
        var at = moveTo(ConnectionStatus.DISCONNECTED, now);
        disconnectedAt = Optional.of(at);
        lastError = Optional.empty();
        events.add(new Disconnected(id, namespace, serverName, cut(config.redact(reason)), graceful, at));
    }

    /**
     * Whether this connection claims a live session (CONNECTING, ACTIVE or DISCONNECTING) that
     * nobody holds at {@code now}: {@code lease} is absent or expired. Such a session died with
     * the process that held it.
     */
    public boolean isStale(Optional<SessionLease> lease, Instant now) {
        Objects.requireNonNull(lease, "lease");
        return status.hasSession() && lease.map(held -> !held.isLiveAt(now)).orElse(true);
    }

    /**
     * Disconnects a {@linkplain #isStale stale} connection: its session was lost with the process
     * that held it. Records {@link Disconnected} (not graceful) naming the lost holder; does
     * nothing and returns false if the connection is not stale.
     */
    public boolean recoverStaleSession(Optional<SessionLease> lease, Instant now) {
        if (!isStale(lease, now)) {
            return false;
        }
        disconnect(lease.map(held -> "session lost: instance " + held.holder() + " stopped renewing its lease,"
                        + " which expired at " + held.expiresAt())
                .orElse("session lost: no running instance holds it"), false, now);
        return true;
    }

    /**
     * Replaces the tools of an ACTIVE connection after a re-discovery. Records
     * {@link ToolsChanged} when something changed and nothing otherwise.
     *
     * @return what changed, by tool name
     * @throws ConnectionNotActiveException if the connection is not ACTIVE
     */
    public ToolChanges replaceTools(ToolCatalog discovered, Instant now) {
        Objects.requireNonNull(discovered, "discovered tools");
        requireActive();
        var changes = tools.changesTo(discovered);
        if (!changes.isEmpty()) {
            var at = micros(now);
            tools = discovered;
            updatedAt = Optional.of(at);
            events.add(new ToolsChanged(id, namespace, serverName, changes, at));
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
    public boolean reconfigure(ConnectionConfig newConfig, Instant now) {
        Objects.requireNonNull(newConfig, "new config");
        requireNotInUse();
        if (newConfig.equals(config)) {
            return false;
        }
        var at = micros(now);
        var event = new ConfigurationChanged(id, namespace, serverName,
                !newConfig.transport().equals(config.transport()),
                newConfig.authRequired() != config.authRequired() || !newConfig.apiKey().equals(config.apiKey()),
                at);
        config = newConfig;
        updatedAt = Optional.of(at);
        events.add(event);
        return true;
    }

    /**
     * Removes the connection for good, on behalf of {@code by}. Only its owner may, and only while
     * it is not in use (DISCONNECTED or ERROR). Records {@link ConnectionRemoved}; the repository
     * then deletes it, and every later command is refused.
     *
     * @throws NotConnectionOwnerException if {@code by} is not the owner
     * @throws ConnectionInUseException if the connection is connecting, active or disconnecting
     */
    public void remove(AgentId by, Instant now) {
        requireOwner(by);
        requireNotInUse();
        removed = true;
        events.add(new ConnectionRemoved(id, namespace, serverName, by, micros(now)));
    }

    /**
     * Checks that {@code agent} owns this connection, as removing it requires; lets a use case
     * refuse before it does anything on the agent's behalf.
     *
     * @throws NotConnectionOwnerException if another agent owns it
     */
    public void requireOwner(AgentId agent) {
        Objects.requireNonNull(agent, "agent");
        requireNotRemoved();
        if (!agentId.equals(agent)) {
            throw new NotConnectionOwnerException(namespace, id, agent);
        }
    }

    /**
     * The tool {@code name} for a call: only an ACTIVE connection has a session to call it on, and
     * only a tool it offers can be called.
     *
     * @throws ConnectionNotActiveException if the connection is not ACTIVE
     * @throws UnknownToolException if the connection offers no such tool
     */
    public Tool toolForCall(String name) {
        Objects.requireNonNull(name, "tool name");
        requireActive();
        return tools.find(name).orElseThrow(() -> new UnknownToolException(serverName, name, tools));
    }

    /**
     * Checks that the connection is ACTIVE: only then does it have a session whose tools can be
     * listed or called.
     *
     * @throws ConnectionNotActiveException if it is not
     */
    public void requireActive() {
        requireNotRemoved();
        if (status != ConnectionStatus.ACTIVE) {
            throw new ConnectionNotActiveException(id, serverName, status);
        }
    }

    /** Whether {@link #remove} was called. */
    public boolean isRemoved() {
        return removed;
    }

    /** The events recorded since the last call, oldest first; clears them. */
    public List<McpConnectionEvent> pullEvents() {
        var pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    /**
     * The events recorded and not yet stored, oldest first. A repository stores them with the
     * connection, in the same transaction, and {@link #markSaved} or {@link #markDeleted} then lets
     * go of them; when the save fails they stay, to be stored by the next save.
     */
    public List<McpConnectionEvent> pendingEvents() {
        return List.copyOf(events);
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
        events.clear();
    }

    /**
     * Records that a repository deleted this {@linkplain #remove removed} connection and stored its
     * {@linkplain #pendingEvents() events}. For repository adapters, after a successful delete.
     *
     * @throws IllegalStateException if it was not removed
     */
    public void markDeleted() {
        if (!removed) {
            throw new IllegalStateException("connection " + id + " was not removed, so it cannot have been deleted");
        }
        events.clear();
    }

    /** Every stored field, as one value. */
    public McpConnectionSnapshot snapshot() {
        return new McpConnectionSnapshot(id, serverName, namespace, agentId, config, status, tools,
                lastError, createdAt, connectedAt, disconnectedAt, updatedAt, version);
    }

    private Instant moveTo(ConnectionStatus next, Instant now) {
        requireNotRemoved();
        if (!status.canTransitionTo(next)) {
            throw new InvalidStateTransitionException(id, serverName, status, next);
        }
        var at = micros(now);
        status = next;
        updatedAt = Optional.of(at);
        return at;
    }

    private void requireNotInUse() {
        requireNotRemoved();
        if (status.hasSession()) {
            throw new ConnectionInUseException(id, serverName, status);
        }
    }

    private void requireNotRemoved() {
        if (removed) {
            throw new McpConnectionNotFoundException(namespace, id);
        }
    }

    private static Instant micros(Instant now) {
        return Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS);
    }

    private static String cut(String text) {
        return text.length() > LastError.MAX_LENGTH ? text.substring(0, LastError.MAX_LENGTH) : text;
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

    /** Why it is in ERROR; empty in every other status. */
    public Optional<LastError> lastError() {
        return lastError;
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
