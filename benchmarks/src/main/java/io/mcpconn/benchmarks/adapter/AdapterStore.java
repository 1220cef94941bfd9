package io.mcpconn.benchmarks.adapter;

import io.mcpconn.benchmarks.ConnectionStore;
import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.PageCursor;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.secrets.SecretKey;
import io.mcpconn.infrastructure.jdbc.secrets.SecretKeyRing;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.postgres.connection.PostgresMcpConnectionRepository;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/**
 * The benchmarked operations through the library's port, on {@link SqliteMcpConnectionRepository}
 * or {@link PostgresMcpConnectionRepository}, with secrets sealed, their default. Thread-safe as the
 * repository is; each aggregate belongs to the thread that loaded it.
 */
public final class AdapterStore implements ConnectionStore<McpConnection, PageRequest> {

    /** Closes the database the repository is on (neither database's close() throws a checked exception; AutoCloseable's would). */
    private final Runnable closeDatabase;
    private final McpConnectionRepository repository;
    private final int pageSize;
    private final PageRequest first;

    private AdapterStore(Runnable closeDatabase, McpConnectionRepository repository, int pageSize) {
        this.closeDatabase = closeDatabase;
        this.repository = repository;
        this.pageSize = pageSize;
        this.first = PageRequest.first(pageSize);
    }

    /** Opens the adapter on a migrated SQLite database file, reading pages of {@code pageSize}. */
    public static AdapterStore sqlite(Path file, int pageSize) {
        SqliteDatabase database = SqliteDatabase.open(file);
        return new AdapterStore(database::close, new SqliteMcpConnectionRepository(database, sealed()), pageSize);
    }

    /** The adapter on a migrated PostgreSQL database, reading pages of {@code pageSize}; closing it closes the database. */
    public static AdapterStore postgres(PostgresDatabase database, int pageSize) {
        return new AdapterStore(database::close, new PostgresMcpConnectionRepository(database, sealed()), pageSize);
    }

    private static SecretsAtRest sealed() {
        return SecretsAtRest.sealed(SecretKeyRing.of(SecretKey.generate(new SecureRandom())), "benchmark");
    }

    @Override
    public McpConnection newConnection(McpConnection template, String id, String serverName, String namespace,
            String agent, Instant now) {
        var connection = McpConnection.register(ConnectionId.of(id), ServerName.of(serverName), Namespace.of(namespace),
                AgentId.of(agent), template.config(), now);
        connection.startConnecting(now);
        connection.markActive(template.tools(), now);
        return connection;
    }

    @Override
    public void insert(McpConnection connection) {
        repository.save(connection);
        // What the application does after each save; events left in the aggregate would pile up.
        connection.pullEvents();
    }

    @Override
    public void insertAll(List<McpConnection> connections) {
        repository.saveAll(connections);
        connections.forEach(McpConnection::pullEvents);
    }

    @Override
    public McpConnection findById(String namespace, String id) {
        return repository.findById(Namespace.of(namespace), ConnectionId.of(id))
                .orElseThrow(() -> new IllegalStateException("no connection " + id + " in " + namespace));
    }

    @Override
    public McpConnection change(McpConnection loaded, Instant now) {
        switch (loaded.status()) {
            case ACTIVE -> loaded.fail("benchmark: the server stopped answering", now);
            case ERROR, DISCONNECTED -> loaded.startConnecting(now);
            case CONNECTING -> loaded.markActive(loaded.tools(), now);
            case DISCONNECTING -> loaded.disconnect("benchmark", now);
        }
        return loaded;
    }

    @Override
    public McpConnection update(McpConnection changed) {
        repository.save(changed);
        changed.pullEvents();
        return changed;
    }

    @Override
    public PageRequest firstPage() {
        return first;
    }

    @Override
    public PageRequest pageAfter(String position, String id) {
        return PageRequest.after(new PageCursor(position, ConnectionId.of(id)), pageSize);
    }

    @Override
    public List<McpConnection> page(String namespace, PageRequest request) {
        return repository.findAll(Namespace.of(namespace), request).items();
    }

    @Override
    public List<McpConnection> agentPage(String namespace, String agent, PageRequest request) {
        return repository.findByAgent(Namespace.of(namespace), AgentId.of(agent), request).items();
    }

    @Override
    public void close() {
        closeDatabase.run();
    }
}
