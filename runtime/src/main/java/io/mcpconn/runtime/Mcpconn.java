package io.mcpconn.runtime;

import io.mcpconn.application.connect.ConnectServer;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.disconnect.DisconnectCommand;
import io.mcpconn.application.disconnect.DisconnectServer;
import io.mcpconn.application.event.EventRelay;
import io.mcpconn.application.query.ListConnections;
import io.mcpconn.application.registration.RegisterConnection;
import io.mcpconn.application.removal.RemoveConnection;
import io.mcpconn.application.session.SessionRegistry;
import io.mcpconn.application.tool.CallTool;
import io.mcpconn.application.tool.RefreshTools;
import io.mcpconn.application.transfer.ExportConnections;
import io.mcpconn.application.transfer.ImportConnections;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.event.EventOutbox;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mcpconn for a runtime to embed: every use case, wired to its adapters, in one object.
 *
 * <pre>{@code
 * try (var mcp = Mcpconn.sqlite(Path.of("data/tmws.db")).start()) {
 *     mcp.connect().handle(new ConnectCommand(namespace, ConnectionRef.named("everything")));
 *     …
 * }
 * }</pre>
 *
 * <p>{@link #sqlite(Path)} keeps connections in the seed's SQLite database, migrated on start
 * unless told otherwise; {@link #postgres} in a PostgreSQL database shared by several instances,
 * migrated the same way; {@link #inMemory()} keeps them in memory, for domain-level tests. Both
 * reach MCP servers through the official SDK unless another client is given. {@link #close()}
 * disconnects every session this instance holds, gracefully, then lets go of everything else.
 * Thread-safe.
 */
public final class Mcpconn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mcpconn.class);

    private final UseCases useCases;
    private final SessionRegistry registry;
    private final EventRelay relay;
    private final List<AutoCloseable> resources;
    private final Optional<Path> createdKeyFile;

    Mcpconn(UseCases useCases, SessionRegistry registry, EventRelay relay, List<AutoCloseable> resources,
            Optional<Path> createdKeyFile) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.resources = List.copyOf(resources);
        this.createdKeyFile = Objects.requireNonNull(createdKeyFile, "createdKeyFile");
    }

    /** mcpconn on the SQLite database at {@code database} (created with its directory if missing). */
    public static McpconnBuilder sqlite(Path database) {
        return McpconnBuilder.sqlite(database);
    }

    /**
     * mcpconn on a PostgreSQL database that several runtime instances share, reached as
     * {@code options} says ({@link PostgresDatabaseOptions#fromEnvironment} reads a URL and finds the
     * password as psql does). Every instance must seal secrets with the same key: give it in
     * {@code MCPCONN_SECRET_KEY} or {@code MCPCONN_SECRET_KEY_FILE}, or with {@link McpconnBuilder#secrets}.
     */
    public static McpconnBuilder postgres(PostgresDatabaseOptions options) {
        return McpconnBuilder.postgres(options);
    }

    /** mcpconn keeping everything in memory, for tests; nothing survives {@link #close()}. */
    public static McpconnBuilder inMemory() {
        return McpconnBuilder.inMemory();
    }

    /** Register a server for an agent. */
    public RegisterConnection register() {
        return useCases.register();
    }

    /** Connect a server: open a session, discover its tools, keep the session. */
    public ConnectServer connect() {
        return useCases.connect();
    }

    /** Discover an active connection's tools again. */
    public RefreshTools refreshTools() {
        return useCases.refreshTools();
    }

    /** Call a tool of an active connection. */
    public CallTool callTool() {
        return useCases.callTool();
    }

    /** Disconnect a connection gracefully. */
    public DisconnectServer disconnect() {
        return useCases.disconnect();
    }

    /** Remove a connection for its owner. */
    public RemoveConnection remove() {
        return useCases.remove();
    }

    /** Read connections, one or a page. */
    public ListConnections connections() {
        return useCases.connections();
    }

    /** Register the servers of an MCP client's configuration file. */
    public ImportConnections importConnections() {
        return useCases.importConnections();
    }

    /** Every server configuration of a namespace. */
    public ExportConnections exportConnections() {
        return useCases.exportConnections();
    }

    /**
     * The stored events and how their delivery stands: for reports, and to
     * {@linkplain EventOutbox#retryParked retry} a parked one.
     */
    public EventOutbox events() {
        return relay.outbox();
    }

    /** Where connections are kept, for reads the use cases do not cover. */
    public McpConnectionRepository repository() {
        return useCases.repository();
    }

    /**
     * The key file that seals secrets at rest, if starting created it (no key was configured and
     * none was beside the database): worth telling whoever runs this, since the database's secrets
     * cannot be read without it.
     */
    public Optional<Path> createdKeyFile() {
        return createdKeyFile;
    }

    /** This instance's id, as its session leases name it. */
    public InstanceId instance() {
        return registry.instance();
    }

    /**
     * Disconnects every session this instance holds (each gracefully, each close bounded), stops
     * renewing leases and closes the database. A session that fails to disconnect is logged and
     * the others still are; its lease then expires on its own. Events not delivered by then stay stored
     * and are delivered by the next instance that starts on the database.
     */
    @Override
    public void close() {
        registry.held().forEach((id, namespace) -> {
            try {
                useCases.disconnect().handle(new DisconnectCommand(namespace, ConnectionRef.of(id), "runtime shutting down"));
            } catch (RuntimeException e) {
                LOG.warn("could not disconnect connection {} while shutting down: {}", id, e.getMessage());
            }
        });
        registry.close();
        // The disconnects' events were delivered as they were saved; stop looking for more.
        relay.close();
        for (var resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("could not close {}: {}", resource, e.getMessage());
            }
        }
    }
}
