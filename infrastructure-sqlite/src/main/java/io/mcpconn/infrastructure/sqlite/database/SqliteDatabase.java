package io.mcpconn.infrastructure.sqlite.database;

import io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException;
import io.mcpconn.infrastructure.jdbc.database.SqlDatabase;
import io.mcpconn.infrastructure.jdbc.database.SqlDialect;
import io.mcpconn.infrastructure.jdbc.database.StatementWork;
import io.mcpconn.infrastructure.jdbc.database.Statements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultDSLContext;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite database file, opened the way production needs it: WAL journal, a busy timeout,
 * foreign keys enforced, {@code synchronous=NORMAL}, and the parent directory created if missing.
 *
 * <p>Writes run one at a time on a single connection, taken in arrival order, inside
 * {@code BEGIN IMMEDIATE} transactions. Within this process writers therefore never meet inside
 * SQLite, so they never see {@code SQLITE_BUSY}; against other processes the write lock is taken
 * at {@code BEGIN}, where SQLite's busy handler can wait for it, instead of at the first write,
 * where a deferred transaction would fail at once. Reads run on their own connections and, in WAL
 * mode, neither wait for the writer nor hold it up.
 *
 * <p>A file that cannot be used fails {@link #open} with one {@link DatabaseUnavailableException}
 * naming the path, the cause and the fix. The object is thread-safe; close it once.
 */
public final class SqliteDatabase implements SqlDatabase, AutoCloseable {

    private final Path file;
    private final SqliteDatabaseOptions options;
    private final SQLiteDataSource writeSource;
    private final ReadConnections readers;
    // Fair, so that a steady stream of writers cannot starve one of them past the busy timeout.
    private final ReentrantLock writeLock = new ReentrantLock(true);
    // Absent when the database was opened read-only.
    private final Statements writer;
    // Made at the first write (under writeLock): a process that only reads never sets up jOOQ for it.
    private DSLContext writerDsl;
    // How deep the write transaction of the thread holding writeLock is; a nested write is a savepoint.
    private int writeDepth;
    private boolean closed;

    private SqliteDatabase(Path file, SqliteDatabaseOptions options, SQLiteDataSource writeSource,
            ReadConnections readers, Connection writer) {
        this.file = file;
        this.options = options;
        this.writeSource = writeSource;
        this.readers = readers;
        this.writer = writer == null ? null : new Statements(writer);
    }

    /**
     * Opens (creating if missing) the database file with the default options.
     *
     * @throws DatabaseUnavailableException if the file or its directory cannot be created, read or written
     * @throws DatabaseLockedException if another process holds the database past the busy timeout
     */
    public static SqliteDatabase open(Path file) {
        return open(file, SqliteDatabaseOptions.defaults());
    }

    /**
     * Opens (creating if missing) the database file.
     *
     * @throws DatabaseUnavailableException if the file or its directory cannot be created, read or written
     * @throws DatabaseLockedException if another process holds the database past the busy timeout
     */
    public static SqliteDatabase open(Path file, SqliteDatabaseOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        var opened = SqliteOpening.forWriting(file.toAbsolutePath().normalize(), options);
        return new SqliteDatabase(opened.file(), options, opened.writeSource(),
                new ReadConnections(opened.readSource(), options.idleReadConnections()), opened.writer());
    }

    /**
     * Opens an existing database file for reading only, with the default options: for commands that
     * only look (current, history, verify, backup), which then work on a file this user may read but
     * not write. Nothing is created and nothing is written; {@link #write} refuses.
     *
     * @throws DatabaseUnavailableException if the file is missing, unreadable or not an SQLite database
     */
    public static SqliteDatabase openReadOnly(Path file) {
        return openReadOnly(file, SqliteDatabaseOptions.defaults());
    }

    /**
     * Opens an existing database file for reading only (see {@link #openReadOnly(Path)}).
     *
     * <p>A WAL database is read through its {@code -shm} file, which SQLite creates if it is
     * missing. A user who may not write the database is not to leave files of their own beside it
     * (the owner's next writer could not use a {@code -shm} it may not write), and may not be able
     * to create any: so when such a user finds neither {@code -wal} nor {@code -shm} (nor a
     * {@code -journal}), no connection has the database open and nothing waits to be checkpointed,
     * and the file is opened as immutable, read as it is on disk without any shared memory.
     *
     * @throws DatabaseUnavailableException if the file is missing, unreadable or not an SQLite database
     */
    public static SqliteDatabase openReadOnly(Path file, SqliteDatabaseOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        var opened = SqliteOpening.forReading(file.toAbsolutePath().normalize(), options);
        return new SqliteDatabase(opened.file(), options, opened.readSource(),
                new ReadConnections(opened.readSource(), options.idleReadConnections()), null);
    }

    /** Returns whether this database was opened with {@link #openReadOnly}, so that it refuses writes. */
    public boolean readOnly() {
        return writer == null;
    }

    /** Returns the absolute path of the database file. */
    public Path file() {
        return file;
    }

    @Override
    public SqlDialect dialect() {
        return SqliteDialect.INSTANCE;
    }

    @Override
    public String describe() {
        return "the SQLite database " + file;
    }

    @Override
    public Optional<String> schemaVersion() {
        return snapshot(statements -> SchemaVersion.applied(statements.connection()));
    }

    /** Returns the options the database was opened with. */
    public SqliteDatabaseOptions options() {
        return options;
    }

    /**
     * Returns a data source whose every connection is a new one set up like the writer's (WAL, busy
     * timeout, foreign keys, immediate transactions), or read-only like the readers' for a database
     * opened with {@link #openReadOnly}. It is meant for tools that manage their own connections,
     * such as Flyway; writes made through it are not queued behind {@link #write}, and rely on the
     * busy timeout instead.
     */
    public DataSource dataSource() {
        return writeSource;
    }

    /**
     * Runs {@code work} in a write transaction and commits it, or rolls it back if {@code work}
     * throws. Writes of this process run one at a time, in the order they asked. A write started
     * inside another one on the same thread joins it as a savepoint.
     *
     * @return what {@code work} returned
     * @throws DatabaseLockedException if the write lock could not be had within the busy timeout
     * @throws DatabaseUnavailableException if the file can no longer be written
     */
    @Override
    public <T> T write(Function<? super DSLContext, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return update(statements -> {
            if (writerDsl == null) {
                writerDsl = context(statements.connection());
            }
            return work.apply(writerDsl);
        });
    }

    /**
     * Runs {@code work} on the writer's connection and prepared statements, in a write transaction,
     * as {@link #write} does: committed if it returns, rolled back if it throws, one at a time,
     * nested ones as savepoints.
     *
     * @return what {@code work} returned
     * @throws DatabaseLockedException if the write lock could not be had within the busy timeout
     * @throws DatabaseUnavailableException if the file can no longer be written
     */
    @Override
    public <T> T update(StatementWork<? extends T> work) {
        Objects.requireNonNull(work, "work");
        lockForWrite();
        try {
            if (closed) {
                throw new IllegalStateException("the database " + file + " has been closed");
            }
            if (writer == null) {
                throw new IllegalStateException("the database " + file + " was opened read-only");
            }
            return inTransaction(work);
        } finally {
            writeLock.unlock();
        }
    }

    // The transaction is begun and ended by statements of our own rather than by the driver's
    // auto-commit switch: sqlite-jdbc begins the next transaction as soon as one commits while
    // auto-commit is off, which would cost a BEGIN and a COMMIT more per write.
    private <T> T inTransaction(StatementWork<? extends T> work) {
        String savepoint = "write_" + writeDepth;
        try {
            writer.prepare(writeDepth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint).execute();
        } catch (SQLException e) {
            throw explained(e);
        }
        writeDepth++;
        T result;
        try {
            result = work.run(writer);
        } catch (SQLException e) {
            writeDepth--;
            rollBack(savepoint, e);
            throw explained(e);
        } catch (RuntimeException e) {
            writeDepth--;
            rollBack(savepoint, e);
            throw explained(e);
        } catch (Error e) {
            writeDepth--;
            rollBack(savepoint, e);
            throw e;
        }
        writeDepth--;
        try {
            writer.prepare(writeDepth == 0 ? "COMMIT" : "RELEASE " + savepoint).execute();
        } catch (SQLException e) {
            rollBack(savepoint, e);
            throw explained(e);
        }
        return result;
    }

    private void rollBack(String savepoint, Throwable cause) {
        try {
            if (writeDepth == 0) {
                writer.prepare("ROLLBACK").execute();
            } else {
                writer.prepare("ROLLBACK TO " + savepoint).execute();
                writer.prepare("RELEASE " + savepoint).execute();
            }
        } catch (SQLException e) {
            // SQLite rolls back by itself after some failures (a full disk, an I/O error), and then
            // has no transaction left to roll back; what matters is the failure that caused it.
            cause.addSuppressed(e);
        }
    }

    /**
     * Runs {@code work} in a read transaction, which sees one consistent snapshot of the database.
     * The connection refuses writes. It does not see what a {@link #write} still in progress has
     * written, not even one of the calling thread: read inside a write through the write's context.
     *
     * @return what {@code work} returned
     * @throws DatabaseUnavailableException if the file can no longer be read
     */
    @Override
    public <T> T read(Function<? super DSLContext, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return onReader(reader -> context(reader.connection())
                .transactionResult(configuration -> work.apply(configuration.dsl())));
    }

    /**
     * Runs {@code work} on a read connection's prepared statements, outside any transaction: each
     * statement sees the database as it is when the statement starts, and one statement is one
     * consistent snapshot. For reads of one statement, which then pay no BEGIN and COMMIT; reads
     * of several statements that must agree use {@link #read}. The connection refuses writes.
     *
     * @return what {@code work} returned
     * @throws DatabaseUnavailableException if the file can no longer be read
     */
    @Override
    public <T> T query(StatementWork<? extends T> work) {
        Objects.requireNonNull(work, "work");
        return onReader(work);
    }

    /**
     * Runs {@code work} in a read transaction on a read connection's prepared statements: like
     * {@link #read}, one consistent snapshot across several statements, in plain JDBC, for the
     * checks every command makes before it starts (the recorded version, the tables' shape), which
     * then load nothing of jOOQ.
     *
     * @return what {@code work} returned
     * @throws DatabaseUnavailableException if the file can no longer be read
     */
    public <T> T snapshot(StatementWork<? extends T> work) {
        Objects.requireNonNull(work, "work");
        return onReader(reader -> {
            Connection connection = reader.connection();
            connection.setAutoCommit(false);
            try {
                T result = work.run(reader);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private <T> T onReader(StatementWork<? extends T> work) {
        Statements reader;
        try {
            reader = readers.acquire();
        } catch (SQLException e) {
            throw explained(e);
        }
        boolean reusable = false;
        try {
            T result = work.run(reader);
            reusable = true;
            return result;
        } catch (SQLException e) {
            throw readFailure(e);
        } catch (RuntimeException e) {
            throw readFailure(e);
        } finally {
            readers.release(reader, reusable);
        }
    }

    private RuntimeException readFailure(Exception e) {
        if (triedToWrite(e)) {
            return new IllegalStateException("A read of " + file + " tried to write; writes go through write(...)", e);
        }
        return e instanceof SQLException sql ? explained(sql) : explained((RuntimeException) e);
    }

    /**
     * Translates a failure that came from this database's file or locks, wherever it was wrapped
     * (jOOQ, Flyway, JDBC), into {@link DatabaseUnavailableException} or {@link DatabaseLockedException};
     * empty if the failure is about something else, such as a constraint or a statement.
     */
    public Optional<RuntimeException> explainFailure(Throwable failure) {
        if (failure instanceof DatabaseUnavailableException || failure instanceof DatabaseLockedException) {
            return Optional.of((RuntimeException) failure);
        }
        return SqliteErrors.sqlCause(failure)
                .flatMap(sql -> DatabaseFailures.explain(file, options.busyTimeout(), sql));
    }

    /**
     * Copies every committed change from the write-ahead log into the database file and empties
     * the log, so that no older version of a page is left in it; waits for readers up to the busy
     * timeout.
     *
     * @throws DatabaseLockedException if readers kept the log busy past the busy timeout
     */
    public void checkpoint() {
        lockForWrite();
        try (Statement statement = writer.connection().createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (result.next() && result.getInt(1) != 0) {
                throw new DatabaseLockedException(file, options.busyTimeout());
            }
        } catch (SQLException e) {
            throw explained(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Empties the write-ahead log ({@link #checkpoint()}), where SQLite keeps the rows' older versions. */
    @Override
    public void discardOldRowVersions() {
        checkpoint();
    }

    /** Closes every connection, after any write in progress has finished. Closing twice does nothing. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readers.close();
            if (writer != null) {
                writer.close();
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteDatabase[" + file + "]";
    }

    private void lockForWrite() {
        try {
            if (!writeLock.tryLock(options.busyTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DatabaseLockedException(file, options.busyTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write to " + file, e);
        }
    }

    /**
     * query_only answers a write with the plain SQLITE_READONLY code; a file that really is
     * read-only shows up on a read only with one of the extended codes, which are explained.
     */
    private static boolean triedToWrite(Exception e) {
        return SqliteErrors.sqlCause(e)
                .filter(SQLiteException.class::isInstance)
                .map(sql -> ((SQLiteException) sql).getResultCode() == SQLiteErrorCode.SQLITE_READONLY)
                .orElse(false);
    }

    private RuntimeException explained(RuntimeException e) {
        return explainFailure(e).or(() -> lostSchema(e)).orElse(e);
    }

    private RuntimeException explained(SQLException e) {
        return explainFailure(e).or(() -> lostSchema(e))
                .orElseGet(() -> new DataAccessException(SqliteErrors.messageOf(e), e));
    }

    /**
     * A statement that finds one of mcpconn's tables or a column gone: another tool changed the
     * schema under a running process (the migrations' own statements never name a missing object,
     * they are refused on a drifted schema before they run).
     */
    private Optional<RuntimeException> lostSchema(Throwable e) {
        return SqliteErrors.sqlCause(e).map(SqliteErrors::messageOf)
                .filter(message -> message.contains("no such table: mcp_") || message.contains("no such column:")
                        || message.contains("has no column named"))
                .map(message -> new SchemaDriftException(describe(), message, e));
    }

    /**
     * Not {@code DSL.using(connection, dialect)}: resolving that overload makes javac load jOOQ's
     * {@code Settings}, whose JAXB annotations are not on the class path (jOOQ made that dependency
     * optional), and the resulting "unknown enum constant" warning is not a lint category that
     * could be switched off under {@code -Werror}.
     */
    private static DSLContext context(Connection connection) {
        return new DefaultDSLContext(connection, SQLDialect.SQLITE);
    }
}
