package io.mcpconn.infrastructure.postgres.attack;

import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.connection.PostgresMcpConnectionRepository;
import io.mcpconn.infrastructure.postgres.connection.PostgresSessionLeaseRepository;
import io.mcpconn.testkit.attack.CrossNamespaceAttackContract;
import io.mcpconn.testkit.attack.RawTables;
import java.util.Optional;

/** The cross-namespace attack on the PostgreSQL adapters, with a raw dump of every table after each write. */
class PostgresCrossNamespaceAttackTest extends CrossNamespaceAttackContract {

    @Override
    protected Storage open() {
        var database = PostgresTestDatabases.migrated("cross_namespace_attack");
        return new Storage("postgresql", new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed()),
                new PostgresSessionLeaseRepository(database),
                Optional.of(() -> database.query(statements -> RawTables.dump(statements.connection(), "public"))),
                database::close);
    }
}
