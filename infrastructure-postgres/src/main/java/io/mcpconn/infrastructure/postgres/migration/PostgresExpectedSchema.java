package io.mcpconn.infrastructure.postgres.migration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each version of the PostgreSQL migrations makes, for verify to compare with what is there:
 * the columns of {@code mcp_connections} with their types, and the indexes with their columns.
 */
final class PostgresExpectedSchema {

    static final String TABLE = "mcp_connections";
    static final String LEASES = "mcp_session_leases";
    static final String TRIGGER = "tr_mcp_connections_version_bump";
    static final String NAMESPACE_INDEX = "ix_mcp_connections_namespace";
    static final String AGENT_INDEX = "ix_mcp_connections_namespace_agent";
    static final String PAGE_INDEX = "ix_mcp_connections_namespace_created";
    static final String AGENT_PAGE_INDEX = "ix_mcp_connections_namespace_agent_created";

    private PostgresExpectedSchema() {
    }

    /** Column name to {@code data_type} as information_schema says it, at {@code version}. */
    static Map<String, String> columns(int version) {
        var columns = new LinkedHashMap<String, String>();
        columns.put("id", "character varying");
        columns.put("server_name", "character varying");
        columns.put("namespace", "character varying");
        columns.put("agent_id", "character varying");
        columns.put("status", "character varying");
        columns.put("config_json", "jsonb");
        columns.put("tools_json", "jsonb");
        columns.put("error_message", "text");
        columns.put("error_at", "timestamp with time zone");
        columns.put("created_at", "timestamp with time zone");
        columns.put("connected_at", "timestamp with time zone");
        columns.put("disconnected_at", "timestamp with time zone");
        columns.put("updated_at", "timestamp with time zone");
        if (version >= 2) {
            columns.put("version", "bigint");
        }
        return columns;
    }

    /** Index name to its column list as pg_indexes writes it, at {@code version}. */
    static Map<String, String> indexes(int version) {
        var indexes = new LinkedHashMap<String, String>();
        indexes.put("mcp_connections_pkey", "UNIQUE (id)");
        indexes.put(NAMESPACE_INDEX, "(namespace)");
        indexes.put(AGENT_INDEX, "(namespace, agent_id)");
        if (version >= 2) {
            indexes.put("ux_mcp_connections_namespace_server_name", "UNIQUE (namespace, server_name)");
        }
        if (version >= 5) {
            indexes.put(PAGE_INDEX, "(namespace, created_at, id)");
            indexes.put(AGENT_PAGE_INDEX, "(namespace, agent_id, created_at, id)");
        }
        return indexes;
    }
}
