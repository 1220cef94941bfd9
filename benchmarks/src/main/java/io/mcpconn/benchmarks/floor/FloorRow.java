package io.mcpconn.benchmarks.floor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of {@code mcp_connections} as the floor holds it: the 14 columns, the two JSON columns
 * as Jackson trees, timestamps as the stored text.
 */
public record FloorRow(String id, String serverName, String namespace, String agentId, String status,
        JsonNode config, JsonNode tools, String errorMessage, String errorAt, String createdAt,
        String connectedAt, String disconnectedAt, String updatedAt, long version) {
}
