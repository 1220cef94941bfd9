package io.mcpconn.testkit.events;

import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;

/** The in-memory outbox passes the contract the SQL adapters pass. */
class InMemoryEventOutboxTest extends EventOutboxContract {

    @Override
    protected Stores createStores() {
        var repository = new InMemoryMcpConnectionRepository();
        return new Stores(repository, repository.outbox());
    }
}
