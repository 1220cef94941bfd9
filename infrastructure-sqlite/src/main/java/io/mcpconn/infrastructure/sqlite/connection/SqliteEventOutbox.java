package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.infrastructure.jdbc.event.JdbcEventOutbox;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;

/**
 * {@link io.mcpconn.domain.event.EventOutbox} on an SQLite database file, where
 * {@link SqliteMcpConnectionRepository} stores the events of every save. SQLite lets one writer in
 * at a time across every process on the file, so two claims never take the same event.
 */
public final class SqliteEventOutbox extends JdbcEventOutbox {

    /**
     * Events kept in {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     * @throws io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException if its tables are not what its history records
     */
    public SqliteEventOutbox(SqliteDatabase database) {
        super(DriftCheck.checked(database, "SqliteEventOutbox"), "SqliteEventOutbox");
    }
}
