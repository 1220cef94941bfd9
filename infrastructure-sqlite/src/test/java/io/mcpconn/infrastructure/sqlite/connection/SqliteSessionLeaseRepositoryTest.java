package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.domain.connection.SessionLeaseRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.repository.SessionLeaseRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Session leases on a real database file pass the same contract as the in-memory ones. */
class SqliteSessionLeaseRepositoryTest extends SessionLeaseRepositoryContract {

    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected SessionLeaseRepository createRepository() {
        database = SqliteDatabase.open(directory.resolve("leases.db"));
        new SchemaMigrator(database).migrate();
        return new SqliteSessionLeaseRepository(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
