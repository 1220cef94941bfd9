package io.mcpconn.infrastructure.jdbc.database;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * A database the SQL adapters keep connections in, as the shared repositories need it: write
 * transactions, reads, and the schema version it is at. Each adapter opens its own (an SQLite
 * file, a PostgreSQL server) and says here how its transactions run.
 */
public interface SqlDatabase {

    /** What the repositories' SQL must be rendered for, and how this database's errors read. */
    SqlDialect dialect();

    /** The database for people: "the SQLite database /srv/data/mcpconn.db", "the PostgreSQL database mcpconn on db:5432". */
    String describe();

    /**
     * Runs {@code work} in one write transaction, committed if it returns and rolled back if it
     * throws. Checks made by {@code work} and its writes are not interleaved with another writer's:
     * an adapter may run {@code work} again from the start when the database could not keep them
     * apart, so {@code work} changes nothing but the database.
     */
    <T> T update(StatementWork<? extends T> work);

    /** Runs {@code work} in a write transaction, as {@link #update}, with jOOQ. */
    <T> T write(Function<? super DSLContext, ? extends T> work);

    /** Runs {@code work} on read statements; one statement sees one consistent state. */
    <T> T query(StatementWork<? extends T> work);

    /** Runs {@code work} in a read transaction, which sees one consistent state, with jOOQ. */
    <T> T read(Function<? super DSLContext, ? extends T> work);

    /**
     * After a rewrite that must leave no older copy of a row readable (a key rotation), drops what
     * this database keeps of the rows' earlier versions, if that is in its hands: SQLite empties its
     * write-ahead log. A server keeps dead row versions until it vacuums them, in its own files;
     * by default nothing is done.
     */
    default void discardOldRowVersions() {
    }

    /** The newest schema version applied successfully; empty if the database is not migrated. */
    Optional<String> schemaVersion();

    /**
     * Checks that the database is at {@code required} or later, for {@code needer}.
     *
     * @throws SchemaNotReadyException if it is older, or not migrated
     */
    default void requireSchema(String required, String needer) {
        var applied = schemaVersion();
        if (applied.isEmpty() || new BigInteger(applied.get()).compareTo(new BigInteger(required)) < 0) {
            throw new SchemaNotReadyException(describe(), applied, required, needer);
        }
    }
}
