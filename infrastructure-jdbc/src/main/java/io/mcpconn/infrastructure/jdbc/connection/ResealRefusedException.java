package io.mcpconn.infrastructure.jdbc.connection;

import io.mcpconn.domain.connection.UnreadableConnection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A reseal was refused before anything changed: some connections hold sealed secrets that the
 * keys at hand cannot open. Resealing the rest and retiring the old key would lose them.
 */
public final class ResealRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    // An array, not a List: exceptions are serializable, and List is not declared so.
    private final String[] connections;

    ResealRefusedException(List<UnreadableConnection> unopenable) {
        super("cannot reseal: " + unopenable.size() + " connection(s) hold sealed secrets the configured keys do not open ("
                + unopenable.stream().map(row -> row.storedId() + ": " + row.problem()).collect(Collectors.joining("; "))
                + "); nothing was changed. Configure the key that sealed them as well, then reseal");
        this.connections = unopenable.stream().map(UnreadableConnection::storedId).toArray(String[]::new);
    }

    /** The ids of the connections whose secrets could not be opened. */
    public List<String> connections() {
        return List.of(connections);
    }
}
