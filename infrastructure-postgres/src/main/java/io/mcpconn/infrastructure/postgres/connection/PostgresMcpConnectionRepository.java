package io.mcpconn.infrastructure.postgres.connection;

import io.mcpconn.infrastructure.jdbc.connection.JdbcMcpConnectionRepository;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;

/**
 * {@link io.mcpconn.domain.connection.McpConnectionRepository} on a PostgreSQL database that
 * several runtime instances share: the rules of {@link JdbcMcpConnectionRepository}, with each save
 * a serializable transaction ({@link PostgresDatabase#update}).
 *
 * <p>Every instance must keep secrets with the same keys, since each reads what the others sealed:
 * give them the key in {@code MCPCONN_SECRET_KEY} or {@code MCPCONN_SECRET_KEY_FILE}
 * ({@link io.mcpconn.infrastructure.jdbc.secrets.SecretsConfiguration#forSharedDatabase}).
 */
public final class PostgresMcpConnectionRepository extends JdbcMcpConnectionRepository {

    /**
     * A repository on {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later, keeping
     * secrets as {@code secrets} says.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     */
    public PostgresMcpConnectionRepository(PostgresDatabase database, SecretsAtRest secrets) {
        super(database, secrets, "PostgresMcpConnectionRepository");
    }
}
