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
        // Listed once, after migrating; the injection attack compares the schema itself.
        var tables = database.query(statements -> RawTables.tables(statements.connection(), "public"));
        return new Storage("postgresql", new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed()),
                new PostgresSessionLeaseRepository(database),
                Optional.of(() -> database.query(statements -> RawTables.dumpTables(statements.connection(), tables))),
                database::close);
    }

    @Override
    protected void figure(String line) {
        System.out.println(line);
    }
}
