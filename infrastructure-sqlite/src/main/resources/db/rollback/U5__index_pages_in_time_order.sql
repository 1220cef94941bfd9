-- Undoes V5. Pages are then sorted again on every read; the seed's indexes stay as they are,
-- created after everything else, so the seed's queries keep their plans.
DROP INDEX ix_mcp_connections_namespace_agent_created;

DROP INDEX ix_mcp_connections_namespace_created;
