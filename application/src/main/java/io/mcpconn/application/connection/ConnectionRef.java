package io.mcpconn.application.connection;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ServerName;
import java.util.Objects;
import java.util.Optional;

/**
 * Which connection a command is about, within its namespace: by server name (what people and the
 * CLI use) or by id (what runtimes keep).
 *
 * @param id   the connection's id, or empty
 * @param name the connection's server name, or empty; exactly one of the two is present
 */
public record ConnectionRef(Optional<ConnectionId> id, Optional<ServerName> name) {

    public ConnectionRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isPresent() == name.isPresent()) {
            throw new IllegalArgumentException("a connection is referred to by its id or by its name, exactly one");
        }
    }

    /** The connection with {@code id}. */
    public static ConnectionRef of(ConnectionId id) {
        return new ConnectionRef(Optional.of(id), Optional.empty());
    }

    /** The connection named {@code name}. */
    public static ConnectionRef of(ServerName name) {
        return new ConnectionRef(Optional.empty(), Optional.of(name));
    }

    /** The connection named {@code name}, e.g. {@code everything}. */
    public static ConnectionRef named(String name) {
        return of(ServerName.of(name));
    }

    @Override
    public String toString() {
        return id.map(ConnectionId::value).orElseGet(() -> name.orElseThrow().value());
    }
}
