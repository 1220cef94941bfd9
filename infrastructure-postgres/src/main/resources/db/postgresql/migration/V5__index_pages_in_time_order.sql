-- Lets PostgreSQL serve the repository's pages from an index, newest first, instead of sorting
-- every row of the namespace for each page: created_at is a real time here, so the index is on the
-- column itself, after the columns a page is filtered on, then id (the tie-break of the order).
CREATE INDEX ix_mcp_connections_namespace_created ON mcp_connections (namespace, created_at, id);

CREATE INDEX ix_mcp_connections_namespace_agent_created ON mcp_connections (namespace, agent_id, created_at, id);
