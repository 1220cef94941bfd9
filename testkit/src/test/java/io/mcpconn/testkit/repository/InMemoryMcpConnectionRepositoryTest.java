package io.mcpconn.testkit.repository;

import io.mcpconn.domain.connection.McpConnectionRepository;

class InMemoryMcpConnectionRepositoryTest extends McpConnectionRepositoryContract {

    @Override
    protected McpConnectionRepository createRepository() {
        return new InMemoryMcpConnectionRepository();
    }
}
