package io.mcpconn.testkit.attack;

import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import java.util.Optional;

/** The injection attack on the in-memory adapter. */
class InMemoryInjectionAttackTest extends InjectionAttackContract {

    @Override
    protected Storage open() {
        return new Storage("in-memory", new InMemoryMcpConnectionRepository(), Optional.empty(), () -> { });
    }

    @Override
    protected void figure(String line) {
        System.out.println(line);
    }
}
