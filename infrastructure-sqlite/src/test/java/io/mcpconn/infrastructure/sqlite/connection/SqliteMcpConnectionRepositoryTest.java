package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.repository.McpConnectionRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite adapter passes the same contract as the in-memory one, on a real database file. */
class SqliteMcpConnectionRepositoryTest extends McpConnectionRepositoryContract {

    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected McpConnectionRepository createRepository() {
        database = SqliteDatabase.open(directory.resolve("data").resolve("mcpconn.db"));
        new SchemaMigrator(database).migrate();
        return new SqliteMcpConnectionRepository(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
