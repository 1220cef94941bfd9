package io.mcpconn.benchmarks.floor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mcpconn.benchmarks.ConnectionStore;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The PostgreSQL floor: the benchmarked operations in plain JDBC on the adapter's own kind of pool
 * (the HikariCP pool of a {@link PostgresDatabase}, with its driver settings), so that the floor
 * differs from the adapter in the code around the statements only. Each operation borrows a
 * connection and prepares its statement, as pooled JDBC code does; the driver keeps each
 * connection's statements prepared on the server after a few uses. Rows are built, bound and read
 * by {@link FloorRows}, as on SQLite; the statements are {@link FloorSql#POSTGRESQL}'s.
 *
 * <p>Writes are single-statement transactions at the driver's default READ COMMITTED, which is all
 * a version-checked {@code UPDATE … WHERE version = ?} needs (PostgreSQL checks the condition
 * again on the row it locks); the adapter writes SERIALIZABLE, because its rules read before they
 * write, and that is part of what it costs. Reads are single statements in auto-commit. Thread-safe,
 * as the pool is.
 */
public final class PostgresFloorStore implements ConnectionStore<FloorRow, FloorPage> {

    private static final FloorSql SQL = FloorSql.POSTGRESQL;

    private final PostgresDatabase database;
    private final DataSource pool;
    private final int pageSize;
    private final String namespacePage;
    private final String namespacePageAfter;
    private final String agentPage;
    private final String agentPageAfter;

    /** The floor on {@code database}'s pool, reading pages of {@code pageSize}; closing it closes the database. */
    public PostgresFloorStore(PostgresDatabase database, int pageSize) {
        this.database = database;
        this.pool = database.dataSource();
        this.pageSize = pageSize;
        this.namespacePage = SQL.namespacePage(pageSize);
        this.namespacePageAfter = SQL.namespacePageAfter(pageSize);
        this.agentPage = SQL.agentPage(pageSize);
        this.agentPageAfter = SQL.agentPageAfter(pageSize);
    }

    @Override
    public FloorRow newConnection(FloorRow template, String id, String serverName, String namespace, String agent,
            Instant now) {
        return FloorRows.newConnection(template, id, serverName, namespace, agent, now);
    }

    @Override
    public void insert(FloorRow connection) {
        inTransaction(SQL.insert(), insert -> {
            FloorRows.bindInsert(insert, connection);
            return insert.executeUpdate();
        });
    }

    @Override
    public void insertAll(List<FloorRow> connections) {
        inTransaction(SQL.insert(), insert -> {
            for (FloorRow connection : connections) {
                FloorRows.bindInsert(insert, connection);
                insert.addBatch();
            }
            return insert.executeBatch();
        });
    }

    @Override
    public FloorRow findById(String namespace, String id) {
        try (Connection connection = pool.getConnection();
                PreparedStatement byId = connection.prepareStatement(SQL.byId())) {
            return FloorRows.one(byId, namespace, id);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read connection " + id, e);
        }
    }

    @Override
    public FloorRow change(FloorRow loaded, Instant now) {
        return FloorRows.change(loaded, now);
    }

    @Override
    public FloorRow update(FloorRow changed) {
        long next = changed.version() + 1;
        inTransaction(SQL.update(), update -> {
            FloorRows.update(update, changed, next);
            return null;
        });
        return FloorRows.atVersion(changed, next);
    }

    @Override
    public FloorPage firstPage() {
        return FloorPage.FIRST;
    }

    @Override
    public FloorPage pageAfter(String position, String id) {
        return new FloorPage(position, id);
    }

    @Override
    public List<FloorRow> page(String namespace, FloorPage request) {
        return read(request.isFirst() ? namespacePage : namespacePageAfter, namespace, null, request);
    }

    @Override
    public List<FloorRow> agentPage(String namespace, String agent, FloorPage request) {
        return read(request.isFirst() ? agentPage : agentPageAfter, namespace, agent, request);
    }

    @Override
    public void close() {
        database.close();
    }

    private List<FloorRow> read(String sql, String namespace, String agent, FloorPage request) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            FloorRows.bindPage(statement, namespace, agent, request);
            return FloorRows.rows(statement, pageSize);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot list " + (agent == null ? "" : agent + " in ") + namespace, e);
        }
    }

    /** One statement's work in one transaction, the JDBC way: all of it or none. */
    private void inTransaction(String sql, StatementWork work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                work.run(statement);
                connection.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("write failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface StatementWork {
        Object run(PreparedStatement statement) throws SQLException, JsonProcessingException;
    }
}
