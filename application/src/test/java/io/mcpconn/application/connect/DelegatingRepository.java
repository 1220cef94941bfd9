package io.mcpconn.application.connect;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Optional;

/** A repository that forwards everything, for tests that intercept one call. */
class DelegatingRepository implements McpConnectionRepository {

    private final McpConnectionRepository delegate;

    DelegatingRepository(McpConnectionRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<McpConnection> findById(Namespace namespace, ConnectionId id) {
        return delegate.findById(namespace, id);
    }

    @Override
    public Optional<McpConnection> findByServerName(Namespace namespace, ServerName serverName) {
        return delegate.findByServerName(namespace, serverName);
    }

    @Override
    public Page<McpConnection> findByAgent(Namespace namespace, AgentId owner, PageRequest page) {
        return delegate.findByAgent(namespace, owner, page);
    }

    @Override
    public Page<McpConnection> findByStatus(Namespace namespace, ConnectionStatus status, PageRequest page) {
        return delegate.findByStatus(namespace, status, page);
    }

    @Override
    public Page<McpConnection> findAll(Namespace namespace, PageRequest page) {
        return delegate.findAll(namespace, page);
    }

    @Override
    public void save(McpConnection connection) {
        delegate.save(connection);
    }

    @Override
    public void delete(McpConnection connection) {
        delegate.delete(connection);
    }
}
