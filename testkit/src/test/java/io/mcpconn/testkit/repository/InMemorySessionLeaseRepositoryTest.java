package io.mcpconn.testkit.repository;

import io.mcpconn.domain.connection.SessionLeaseRepository;

class InMemorySessionLeaseRepositoryTest extends SessionLeaseRepositoryContract {

    @Override
    protected SessionLeaseRepository createRepository() {
        return new InMemorySessionLeaseRepository();
    }
}
