package io.mcpconn.infrastructure.postgres.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.mcpconn.infrastructure.jdbc.database.AppliedVersions;
import io.mcpconn.infrastructure.jdbc.database.SqlDatabase;
import io.mcpconn.infrastructure.jdbc.database.SqlDialect;
import io.mcpconn.infrastructure.jdbc.database.StatementWork;
import io.mcpconn.infrastructure.jdbc.database.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultDSLContext;

/**
 * A PostgreSQL database shared by several runtime instances, reached through a HikariCP pool sized
 * by {@link PostgresDatabaseOptions}.
 *
 * <p>Writes run as {@code SERIALIZABLE} transactions: the repositories' rules check and then write
 * (a lease is free, then taken), and serializable isolation keeps two instances from both passing
 * the check. A transaction PostgreSQL could not serialize (SQLSTATE 40001, or a deadlock, 40P01) is
 * rolled back and run again from the start, a few times with a random pause, which is what the
 * {@link SqlDatabase#update} contract allows. So is one refused by a unique or exclusion constraint
 * (23505, 23P01) that the work could not explain: a key a concurrent writer committed after this
 * transaction's snapshot is refused by the index yet invisible to the queries that would name its
 * holder, a serialization failure in disguise (PostgreSQL's manual, 13.6); the next attempt sees
 * the row and explains the refusal. One that stays refused to the last attempt is thrown as it was. Every connection speaks UTC, and binds text
 * parameters untyped so that the server reads the repositories' text as {@code JSONB} or
 * {@code TIMESTAMPTZ} where the column is one; each statement runs under a savepoint of the
 * driver's, so that a refused statement leaves the transaction usable for finding out why.
 *
 * <p>A server that cannot be reached, or refuses the credentials or the database, fails with one
 * {@link PostgresUnavailableException} that names the database (never the password) and the fix.
 * The object is thread-safe; close it once.
 */
public final class PostgresDatabase implements SqlDatabase, AutoCloseable {

    /** How often a write PostgreSQL could not serialize is tried in all. */
    static final int ATTEMPTS = 12;

    private static final String HISTORY = "flyway_schema_history";

    private final PostgresDatabaseOptions options;
    private final HikariDataSource pool;

    private PostgresDatabase(PostgresDatabaseOptions options, HikariDataSource pool) {
        this.options = options;
        this.pool = pool;
    }

    /**
     * Opens the pool and checks that the database answers.
     *
     * @throws PostgresUnavailableException if the server cannot be reached, or refuses the user, the
     *     password or the database
     */
    public static PostgresDatabase open(PostgresDatabaseOptions options) {
        Objects.requireNonNull(options, "options");
        var config = new HikariConfig();
        config.setPoolName("mcpconn-" + options.location().database());
        config.setJdbcUrl(options.location().jdbcUrl());
        config.setUsername(options.user());
        options.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(Math.min(2, options.poolSize()));
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        config.addDataSourceProperty("stringtype", "unspecified");
        config.addDataSourceProperty("autosave", "always");
        config.addDataSourceProperty("cleanupSavepoints", "true");
        config.addDataSourceProperty("connectTimeout", Long.toString(options.connectionTimeout().toSeconds() + 1));
        config.addDataSourceProperty("ApplicationName", "mcpconn");
        try {
            return new PostgresDatabase(options, new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException e) {
            throw PostgresFailures.explain(options, e.getCause() == null ? e : e.getCause())
                    .orElseGet(() -> new PostgresUnavailableException(options.location().describe(),
                            "the connection pool could not start (" + e.getMessage() + ")",
                            "check the URL, the user and that the server accepts connections from this host", e));
        }
    }

    @Override
    public SqlDialect dialect() {
        return PostgresDialect.INSTANCE;
    }

    @Override
    public String describe() {
        return options.location().describe();
    }

    /** The options the database was opened with. */
    public PostgresDatabaseOptions options() {
        return options;
    }

    /** A data source on the pool, for tools that run their own statements (Flyway). */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public <T> T update(StatementWork<? extends T> work) {
        Objects.requireNonNull(work, "work");
        var failures = new ArrayList<SQLException>();
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(work, Connection.TRANSACTION_SERIALIZABLE, false);
            } catch (Retry retry) {
                failures.add(retry.failure);
                if (attempt == ATTEMPTS && !serializationFailure(retry.failure)) {
                    // A key taken for good, not by a concurrent writer: the refusal as the work explained it.
                    throw retry.refusal;
                }
                if (attempt == ATTEMPTS) {
                    var gaveUp = new PostgresUnavailableException(describe(), "PostgreSQL could not serialize a write"
                            + " with the other writers' in " + ATTEMPTS + " attempts (" + dialect().messageOf(retry.failure)
                            + ")", "lower the number of instances writing the same connections at once, or retry later",
                            retry.failure);
                    failures.subList(0, failures.size() - 1).forEach(gaveUp::addSuppressed);
                    throw gaveUp;
                }
                pause(attempt);
            }
        }
    }

    @Override
    public <T> T write(Function<? super DSLContext, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return update(statements -> work.apply(context(statements.connection())));
    }

    @Override
    public <T> T query(StatementWork<? extends T> work) {
        Objects.requireNonNull(work, "work");
        try (var connection = connection()) {
            var statements = new Statements(connection);
            try {
                return work.run(statements);
            } finally {
                statements.closeStatements();
            }
        } catch (SQLException e) {
            throw explained(e);
        } catch (RuntimeException e) {
            throw explained(e);
        }
    }

    @Override
    public <T> T read(Function<? super DSLContext, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return inTransaction(statements -> work.apply(context(statements.connection())),
                Connection.TRANSACTION_REPEATABLE_READ, true);
    }

    @Override
    public Optional<String> schemaVersion() {
        return query(statements -> {
            // The statements are the cache's (Statements closes them with the connection); only results are closed here.
            var exists = statements.prepare("SELECT to_regclass(?) IS NOT NULL");
            exists.setString(1, HISTORY);
            try (var result = exists.executeQuery()) {
                if (!result.next() || !result.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            var versions = new ArrayList<String>();
            var applied = statements.prepare("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL");
            try (var result = applied.executeQuery()) {
                while (result.next()) {
                    versions.add(result.getString(1));
                }
            }
            return AppliedVersions.newest(versions);
        });
    }

    /** Closes every connection of the pool. Closing twice does nothing. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + describe() + "]";
    }

    private <T> T inTransaction(StatementWork<? extends T> work, int isolation, boolean readOnly) {
        try (var connection = connection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(isolation);
            connection.setReadOnly(readOnly);
            var statements = new Statements(connection);
            try {
                T result = work.run(statements);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollBack(connection, e);
                if (worthRetrying(e, readOnly)) {
                    throw new Retry(e, explained(e));
                }
                throw explained(e);
            } catch (RuntimeException e) {
                rollBack(connection, e);
                var cause = sqlCause(e);
                if (cause.isPresent() && worthRetrying(cause.get(), readOnly)) {
                    throw new Retry(cause.get(), explained(e));
                }
                throw explained(e);
            } catch (Error e) {
                rollBack(connection, e);
                throw e;
            } finally {
                statements.closeStatements();
            }
        } catch (SQLException e) {
            throw explained(e);
        }
    }

    private Connection connection() throws SQLException {
        return pool.getConnection();
    }

    private static void rollBack(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // A connection the server dropped has no transaction left to roll back; the cause is what matters.
            cause.addSuppressed(e);
        }
    }

    private static boolean serializationFailure(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    // A refusal the work explained in the domain's terms carries no SQLException: only unexplained ones reach here.
    private static boolean worthRetrying(SQLException e, boolean readOnly) {
        return serializationFailure(e) || !readOnly && ("23505".equals(e.getSQLState()) || "23P01".equals(e.getSQLState()));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 8) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write again", e);
        }
    }

    private RuntimeException explained(SQLException e) {
        return PostgresFailures.explain(options, e)
                .orElseGet(() -> new DataAccessException(dialect().messageOf(e), e));
    }

    private RuntimeException explained(RuntimeException e) {
        if (e instanceof PostgresUnavailableException) {
            return e;
        }
        return sqlCause(e).flatMap(sql -> PostgresFailures.explain(options, sql)).orElse(e);
    }

    private static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    // Not DSL.using(connection, dialect): see SqliteDatabase, the same javac warning about jOOQ's JAXB annotations.
    private static DSLContext context(Connection connection) {
        return new DefaultDSLContext(connection, SQLDialect.POSTGRES);
    }

    /** A transaction PostgreSQL could not serialize, or perhaps could not: run it again. */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SQLException failure;
        /** What to throw if it is the last attempt and the failure is no serialization failure. */
        private final transient RuntimeException refusal;

        Retry(SQLException failure, RuntimeException refusal) {
            super(null, null, false, false);
            this.failure = failure;
            this.refusal = refusal;
        }
    }
}
