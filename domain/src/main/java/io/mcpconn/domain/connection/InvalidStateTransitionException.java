package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A command asked a connection to move to a status its current status does not lead to. The
 * message names the connection, both statuses and the allowed ones.
 */
public final class InvalidStateTransitionException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final ConnectionStatus current;
    private final ConnectionStatus attempted;

    InvalidStateTransitionException(ConnectionId id, ServerName serverName,
                                    ConnectionStatus current, ConnectionStatus attempted) {
        super("connection " + id + " (" + serverName + ") cannot go from " + current + " to " + attempted
                + "; from " + current + " it may go to " + names(current.allowedTransitions()));
        this.current = current;
        this.attempted = attempted;
    }

    /** The status the connection was in. */
    public ConnectionStatus current() {
        return current;
    }

    /** The status the command asked for. */
    public ConnectionStatus attempted() {
        return attempted;
    }

    /** The statuses the connection could have moved to. */
    public Set<ConnectionStatus> allowed() {
        return current.allowedTransitions();
    }

    private static String names(Set<ConnectionStatus> statuses) {
        return statuses.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
