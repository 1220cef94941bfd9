package io.mcpconn.infrastructure.postgres.connection;

import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.testkit.events.EventOutboxContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL outbox passes the contract on a real server, concurrent claimants included. */
class PostgresEventOutboxTest extends EventOutboxContract {

    private static PostgresDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresTestDatabases.migrated("events");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected Stores createStores() {
        PostgresTestDatabases.emptied(database);
        return new Stores(new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed()),
                new PostgresEventOutbox(database));
    }
}
