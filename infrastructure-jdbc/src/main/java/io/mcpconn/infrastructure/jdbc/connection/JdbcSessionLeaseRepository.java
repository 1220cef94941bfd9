package io.mcpconn.infrastructure.jdbc.connection;

import static io.mcpconn.infrastructure.jdbc.jooq.Tables.MCP_SESSION_LEASES;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.SessionLease;
import io.mcpconn.domain.connection.SessionLeaseRepository;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.database.SqlDatabase;
import io.mcpconn.infrastructure.jdbc.jooq.tables.records.McpSessionLeasesRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SessionLeaseRepository} on the {@code mcp_session_leases} table (migration V3), over JDBC,
 * for every SQL database an adapter opens. Each write is one {@link SqlDatabase#write} transaction,
 * whose checks and writes the database keeps apart from every other instance's (SQLite lets one
 * writer in at a time; PostgreSQL runs them serializable), so the check
 * ({@link SessionLease#canBeTakenBy}, the domain's rule) and the write cannot be interleaved.
 */
public abstract class JdbcSessionLeaseRepository implements SessionLeaseRepository {

    /** The schema version this repository needs: V3 made its table. */
    public static final String REQUIRED_SCHEMA = "3";

    /** Parameters: connection id, namespace. The same text in every dialect. */
    private static final String FIND = "select connection_id, namespace, holder, acquired_at, expires_at"
            + " from mcp_session_leases where connection_id = ? and namespace = ?";

    private final SqlDatabase database;

    /**
     * Leases kept in {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later; {@code adapter}
     * names the public class in messages.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     */
    protected JdbcSessionLeaseRepository(SqlDatabase database, String adapter) {
        this.database = Objects.requireNonNull(database, "database");
        database.requireSchema(REQUIRED_SCHEMA, adapter);
    }

    @Override
    public final Optional<SessionLease> find(Namespace namespace, ConnectionId id) {
        // Plain JDBC: listing connections asks this for every row, and a short command that only
        // lists would otherwise load jOOQ for it alone.
        return database.query(statements -> {
            var query = statements.prepare(FIND);
            query.setString(1, id.value());
            query.setString(2, namespace.value());
            try (var result = query.executeQuery()) {
                return result.next()
                        ? Optional.of(new SessionLease(ConnectionId.of(result.getString(1)), Namespace.of(result.getString(2)),
                                InstanceId.of(result.getString(3)), StoredTimestamps.parse(result.getString(4)),
                                StoredTimestamps.parse(result.getString(5))))
                        : Optional.<SessionLease>empty();
            }
        });
    }

    @Override
    public final boolean tryAcquire(SessionLease lease) {
        return database.write(dsl -> {
            var existing = dsl.selectFrom(MCP_SESSION_LEASES)
                    .where(MCP_SESSION_LEASES.CONNECTION_ID.eq(lease.connectionId().value()))
                    .fetchOptional();
            if (existing.isPresent()) {
                var held = existing.get();
                // A lease row of another namespace is never taken, nor told apart from a live one.
                if (!held.getNamespace().equals(lease.namespace().value())
                        || !toLease(held).canBeTakenBy(lease.holder(), lease.acquiredAt())) {
                    return false;
                }
                dsl.update(MCP_SESSION_LEASES).set(toRecord(lease))
                        .where(MCP_SESSION_LEASES.CONNECTION_ID.eq(lease.connectionId().value()))
                        .execute();
            } else {
                dsl.insertInto(MCP_SESSION_LEASES).set(toRecord(lease)).execute();
            }
            return true;
        });
    }

    @Override
    public final List<ConnectionId> renewAll(InstanceId holder, Instant expiresAt) {
        var until = StoredTimestamps.format(expiresAt);
        return database.write(dsl -> {
            var renewed = dsl.select(MCP_SESSION_LEASES.CONNECTION_ID).from(MCP_SESSION_LEASES)
                    .where(MCP_SESSION_LEASES.HOLDER.eq(holder.value()))
                    .and(MCP_SESSION_LEASES.ACQUIRED_AT.lt(until))
                    .fetch(MCP_SESSION_LEASES.CONNECTION_ID);
            dsl.update(MCP_SESSION_LEASES).set(MCP_SESSION_LEASES.EXPIRES_AT, until)
                    .where(MCP_SESSION_LEASES.HOLDER.eq(holder.value()))
                    .and(MCP_SESSION_LEASES.ACQUIRED_AT.lt(until))
                    .execute();
            return renewed.stream().map(ConnectionId::of).toList();
        });
    }

    @Override
    public final void release(Namespace namespace, ConnectionId id, InstanceId holder) {
        database.write(dsl -> dsl.deleteFrom(MCP_SESSION_LEASES)
                .where(MCP_SESSION_LEASES.CONNECTION_ID.eq(id.value()))
                .and(MCP_SESSION_LEASES.NAMESPACE.eq(namespace.value()))
                .and(MCP_SESSION_LEASES.HOLDER.eq(holder.value()))
                .execute());
    }

    private static SessionLease toLease(McpSessionLeasesRecord row) {
        return new SessionLease(ConnectionId.of(row.getConnectionId()), Namespace.of(row.getNamespace()),
                InstanceId.of(row.getHolder()), StoredTimestamps.parse(row.getAcquiredAt()),
                StoredTimestamps.parse(row.getExpiresAt()));
    }

    private static McpSessionLeasesRecord toRecord(SessionLease lease) {
        var row = new McpSessionLeasesRecord();
        row.setConnectionId(lease.connectionId().value());
        row.setNamespace(lease.namespace().value());
        row.setHolder(lease.holder().value());
        row.setAcquiredAt(StoredTimestamps.format(lease.acquiredAt()));
        row.setExpiresAt(StoredTimestamps.format(lease.expiresAt()));
        return row;
    }
}
