package io.mcpconn.testkit.attack;

import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import io.mcpconn.testkit.repository.InMemorySessionLeaseRepository;
import java.util.Optional;

/** The cross-namespace attack on the in-memory adapters. */
class InMemoryCrossNamespaceAttackTest extends CrossNamespaceAttackContract {

    @Override
    protected Storage open() {
        return new Storage("in-memory", new InMemoryMcpConnectionRepository(), new InMemorySessionLeaseRepository(),
                Optional.empty(), () -> { });
    }

    @Override
    protected void figure(String line) {
        System.out.println(line);
    }
}
