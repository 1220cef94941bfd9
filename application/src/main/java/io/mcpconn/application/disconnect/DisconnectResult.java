package io.mcpconn.application.disconnect;

import io.mcpconn.application.connection.ConnectionView;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection that is DISCONNECTED, and how it got there.
 *
 * @param connection the connection as saved
 * @param outcome    what was done
 * @param problem    what went wrong while closing, when the server did not take part
 */
public record DisconnectResult(ConnectionView connection, Outcome outcome, Optional<String> problem) {

    /** What a disconnect did. */
    public enum Outcome {
        /** It was disconnected already; nothing was done. */
        ALREADY_DISCONNECTED,
        /** Its session was closed; the server took part unless {@code problem} says otherwise. */
        CLOSED,
        /** It was in ERROR without a session; the error was cleared. */
        ERROR_CLEARED,
        /** Its session had been lost with a process that died; the connection was recovered. */
        RECOVERED_STALE
    }

    public DisconnectResult {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(problem, "problem");
    }
}
