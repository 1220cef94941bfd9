package io.mcpconn.benchmarks.concurrency;

import java.util.Locale;

/** What an operation of the concurrency run was. */
enum Kind {
    /** Load a stored connection, change its status, save it (retried when stale). */
    UPDATE,
    /** Insert a new connection. */
    INSERT,
    /** Load a connection by id. */
    GET,
    /** The first page of a namespace or of an agent. */
    PAGE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
