-- Undoes V5. Pages are then sorted again on every read.
DROP INDEX ix_mcp_connections_namespace_agent_created;

DROP INDEX ix_mcp_connections_namespace_created;
