package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.infrastructure.jdbc.connection.JdbcSessionLeaseRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;

/**
 * {@link io.mcpconn.domain.connection.SessionLeaseRepository} on an SQLite database file: SQLite
 * lets one writer in at a time across every process on the file, so a lease's check and write are
 * never interleaved by another instance.
 */
public final class SqliteSessionLeaseRepository extends JdbcSessionLeaseRepository {

    /**
     * Leases kept in {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     * @throws io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException if its tables are not what its history records
     */
    public SqliteSessionLeaseRepository(SqliteDatabase database) {
        super(DriftCheck.checked(database, "SqliteSessionLeaseRepository"), "SqliteSessionLeaseRepository");
    }
}
