package io.mcpconn.infrastructure.postgres.connection;

import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.testkit.repository.McpConnectionRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL adapter passes the same contract as the in-memory and SQLite ones, on a real server. */
class PostgresMcpConnectionRepositoryTest extends McpConnectionRepositoryContract {

    // One database for the class, emptied before each test: creating and migrating one per test costs a second each.
    private static PostgresDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresTestDatabases.migrated("contract");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected McpConnectionRepository createRepository() {
        return new PostgresMcpConnectionRepository(PostgresTestDatabases.emptied(database), PostgresTestDatabases.sealed());
    }
}
