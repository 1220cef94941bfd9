package io.mcpconn.infrastructure.postgres.connection;

import io.mcpconn.infrastructure.jdbc.connection.JdbcSessionLeaseRepository;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;

/**
 * {@link io.mcpconn.domain.connection.SessionLeaseRepository} on a PostgreSQL database: each
 * acquisition is a serializable transaction, so of two instances that both find a lease free (or
 * expired) only one takes it; the other's transaction is run again and finds it held.
 */
public final class PostgresSessionLeaseRepository extends JdbcSessionLeaseRepository {

    /**
     * Leases kept in {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     */
    public PostgresSessionLeaseRepository(PostgresDatabase database) {
        super(database, "PostgresSessionLeaseRepository");
    }
}
