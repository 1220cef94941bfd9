package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every SQLite adapter does when it is made: refuse a schema that is not what its history
 * records, unless all that is missing are indexes that only make queries faster (a benchmark
 * measuring writes without them, an index dropped by hand): then it warns and goes on.
 */
final class DriftCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DriftCheck.class);

    private DriftCheck() {
    }

    /**
     * Returns {@code database} if its tables are what its recorded version makes.
     *
     * @throws SchemaDriftException naming the differences and their likely cause otherwise
     */
    static SqliteDatabase checked(SqliteDatabase database, String needer) {
        SchemaMigrator.drift(database).ifPresent(drift -> {
            if (!SchemaMigrator.onlySlowsQueries(drift)) {
                throw new SchemaDriftException(database.describe(), drift, needer);
            }
            LOG.warn("{} drifted from schema version {}, which only makes queries slower, so {} goes on: {}",
                    database.describe(), drift.recorded(), needer, drift.describe());
        });
        return database;
    }
}
