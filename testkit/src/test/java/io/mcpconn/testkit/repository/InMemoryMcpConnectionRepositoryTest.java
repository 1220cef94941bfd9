package io.mcpconn.testkit.repository;

import io.mcpconn.domain.connection.McpConnectionRepository;
import java.time.Clock;

class InMemoryMcpConnectionRepositoryTest extends McpConnectionRepositoryContract {

    @Override
    protected McpConnectionRepository createRepository(Clock clock) {
        return new InMemoryMcpConnectionRepository(clock);
    }
}
