package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabaseOptions;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.events.EventOutboxContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite outbox passes the contract, with the repository that stores events in it. */
class SqliteEventOutboxTest extends EventOutboxContract {

    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected Stores createStores() {
        database = SqliteDatabase.open(directory.resolve("events.db"), SqliteDatabaseOptions.defaults());
        new SchemaMigrator(database).migrate();
        return new Stores(new SqliteMcpConnectionRepository(database),
                new SqliteEventOutbox(database));
    }

    @AfterEach
    void close() {
        database.close();
    }
}
