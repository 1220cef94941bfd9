package io.mcpconn.benchmarks;

import java.time.Instant;
import java.util.List;

/**
 * The operations benchmarked, as each side does them: the hand-written floor and the library's
 * adapter. Bodies in {@link Operations} are written once against this, so both sides run the same
 * calls on the same inputs.
 *
 * @param <T> what one connection is on this side (a row of trees, or the aggregate)
 * @param <K> what a page request is on this side, built before the measured calls
 */
public interface ConnectionStore<T, K> extends AutoCloseable {

    /**
     * A new connection shaped like {@code template} (its configuration and tools, shared and not
     * copied) but with its own id, server name, namespace and owner, ACTIVE since {@code now}.
     */
    T newConnection(T template, String id, String serverName, String namespace, String agent, Instant now);

    /** Inserts one new connection in a transaction of its own. */
    void insert(T connection);

    /** Inserts all of them in one transaction. */
    void insertAll(List<T> connections);

    /**
     * Loads one connection.
     *
     * @throws IllegalStateException if it is not there
     */
    T findById(String namespace, String id);

    /** Takes {@code loaded} one step round its cycle of statuses (active, error, connecting, active…), at {@code now}. */
    T change(T loaded, Instant now);

    /**
     * Saves a changed connection in a transaction of its own, checking that the stored version is
     * the one it was loaded with.
     *
     * @return the connection as saved, at its new version
     */
    T update(T changed);

    /** The request for the first page. */
    K firstPage();

    /** The request for the page after the row at ({@code position}, {@code id}). */
    K pageAfter(String position, String id);

    /** A namespace's connections, newest first. */
    List<T> page(String namespace, K request);

    /** One agent's connections in a namespace, newest first. */
    List<T> agentPage(String namespace, String agent, K request);

    @Override
    void close();
}
