package io.mcpconn.benchmarks;

import io.mcpconn.benchmarks.floor.FloorRow;
import io.mcpconn.domain.connection.McpConnection;
import java.util.List;

/** What the tests compare of a connection, whichever side read it. */
record Summary(String id, String namespace, String serverName, int tools, String status, long version) {

    static Summary of(Object connection) {
        if (connection instanceof FloorRow row) {
            return new Summary(row.id(), row.namespace(), row.serverName(), row.tools().size(), row.status(), row.version());
        }
        McpConnection aggregate = (McpConnection) connection;
        return new Summary(aggregate.id().value(), aggregate.namespace().value(), aggregate.serverName().value(), aggregate.tools().size(),
                aggregate.status().storageName(), aggregate.version());
    }

    static List<String> ids(List<?> page) {
        return page.stream().map(connection -> of(connection).id()).toList();
    }
}
