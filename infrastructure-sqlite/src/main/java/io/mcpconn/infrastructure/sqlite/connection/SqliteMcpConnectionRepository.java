package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.infrastructure.jdbc.connection.JdbcMcpConnectionRepository;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfiguration;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;

/**
 * {@link io.mcpconn.domain.connection.McpConnectionRepository} on an SQLite database file: the
 * shared rules of {@link JdbcMcpConnectionRepository}, with writes queued one at a time on the
 * file's single writer ({@link SqliteDatabase#update}).
 */
public final class SqliteMcpConnectionRepository extends JdbcMcpConnectionRepository {

    /**
     * A repository on {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later, keeping
     * secrets as the process's environment says ({@link SecretsConfiguration}): by default sealed,
     * with the key file beside the database, which is created owner-only if it is missing.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     * @throws io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException if its tables are not what its history records
     */
    public SqliteMcpConnectionRepository(SqliteDatabase database) {
        this(database, SecretsConfiguration.fromEnvironment(System.getenv(), database.file()).secrets());
    }

    /**
     * A repository on {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later, keeping
     * secrets as {@code secrets} says.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     * @throws io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException if its tables are not what its history records
     */
    public SqliteMcpConnectionRepository(SqliteDatabase database, SecretsAtRest secrets) {
        super(DriftCheck.checked(database, "SqliteMcpConnectionRepository"), secrets, "SqliteMcpConnectionRepository");
    }
}
