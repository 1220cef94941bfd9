package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh, empty database file in a temporary directory for each test, with a migrator on it;
 * closed after the test. Subclasses that need a differently built migrator override
 * {@link #migratorFor(SqliteDatabase)}.
 */
abstract class OnTemporaryDatabase {

    @TempDir
    Path directory;

    Path file;
    SqliteDatabase database;
    SchemaMigrator migrator;

    @BeforeEach
    final void openTemporaryDatabase() {
        file = directory.resolve("tmws.db");
        database = SqliteDatabase.open(file);
        migrator = migratorFor(database);
    }

    @AfterEach
    final void closeTemporaryDatabase() {
        database.close();
    }

    SchemaMigrator migratorFor(SqliteDatabase opened) {
        return new SchemaMigrator(opened);
    }
}
