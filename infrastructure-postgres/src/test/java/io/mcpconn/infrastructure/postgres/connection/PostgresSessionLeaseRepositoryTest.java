package io.mcpconn.infrastructure.postgres.connection;

import io.mcpconn.domain.connection.SessionLeaseRepository;
import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.testkit.repository.SessionLeaseRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Session leases on a real PostgreSQL server pass the same contract as the in-memory ones. */
class PostgresSessionLeaseRepositoryTest extends SessionLeaseRepositoryContract {

    // One database for the class, emptied before each test: creating and migrating one per test costs a second each.
    private static PostgresDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresTestDatabases.migrated("leases");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected SessionLeaseRepository createRepository() {
        return new PostgresSessionLeaseRepository(PostgresTestDatabases.emptied(database));
    }
}
