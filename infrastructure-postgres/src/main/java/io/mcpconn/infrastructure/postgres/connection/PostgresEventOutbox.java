package io.mcpconn.infrastructure.postgres.connection;

import io.mcpconn.infrastructure.jdbc.event.JdbcEventOutbox;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;

/**
 * {@link io.mcpconn.domain.event.EventOutbox} on a PostgreSQL database that several instances share,
 * where {@link PostgresMcpConnectionRepository} stores the events of every save. Instances claiming
 * at once skip each other's rows ({@code FOR UPDATE SKIP LOCKED}); a claim's lease hands an event to
 * another instance only once the claimant has stopped acknowledging in time.
 */
public final class PostgresEventOutbox extends JdbcEventOutbox {

    /**
     * Events kept in {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     */
    public PostgresEventOutbox(PostgresDatabase database) {
        super(database, "PostgresEventOutbox");
    }
}
