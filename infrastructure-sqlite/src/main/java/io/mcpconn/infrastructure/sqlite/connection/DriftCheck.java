package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;

/** What every SQLite adapter does when it is made: refuse a schema that is not what its history records. */
final class DriftCheck {

    private DriftCheck() {
    }

    /**
     * Returns {@code database} if its tables are what its recorded version makes.
     *
     * @throws SchemaDriftException naming the differences and their likely cause otherwise
     */
    static SqliteDatabase checked(SqliteDatabase database, String needer) {
        SchemaMigrator.drift(database).ifPresent(drift -> {
            throw new SchemaDriftException(database.describe(), drift, needer);
        });
        return database;
    }
}
