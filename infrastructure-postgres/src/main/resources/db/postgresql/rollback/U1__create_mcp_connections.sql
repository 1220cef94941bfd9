-- Undoes V1 in the seed's downgrade order: indexes first, then the table.
DROP INDEX ix_mcp_connections_namespace_agent;

DROP INDEX ix_mcp_connections_namespace;

DROP TABLE mcp_connections;
