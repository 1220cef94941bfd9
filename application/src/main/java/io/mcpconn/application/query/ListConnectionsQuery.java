package io.mcpconn.application.query;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.Objects;
import java.util.Optional;

/**
 * Ask for one page of a namespace's connections, newest first: all of them, one agent's, or those
 * in one status.
 *
 * @param namespace the tenant
 * @param owner     only this agent's connections, if given
 * @param status    only connections in this status, if given (not together with {@code owner})
 * @param page      which page
 */
public record ListConnectionsQuery(Namespace namespace, Optional<AgentId> owner, Optional<ConnectionStatus> status,
                                   PageRequest page) {

    public ListConnectionsQuery {
        Objects.requireNonNull(namespace, "namespace is required but was missing");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(page, "page");
        if (owner.isPresent() && status.isPresent()) {
            throw new IllegalArgumentException("list by owner or by status, not both at once");
        }
    }

    /** The first page of every connection in {@code namespace}. */
    public static ListConnectionsQuery all(Namespace namespace) {
        return new ListConnectionsQuery(namespace, Optional.empty(), Optional.empty(),
                PageRequest.first(PageRequest.DEFAULT_SIZE));
    }
}
