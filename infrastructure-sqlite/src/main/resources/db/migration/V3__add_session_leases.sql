-- Records which running instance holds the live MCP session of each connection, and until when.
-- Several runtime instances (and the CLI) share one database; a connection whose status claims a
-- session (connecting, active, disconnecting) but whose lease is missing or expired was left
-- behind by a process that died, and may be recovered by any instance.
--
-- A table of its own rather than columns on mcp_connections: renewing a lease every few seconds
-- must not bump the connection's version (optimistic locking) nor touch a table the Python
-- service shares. The connection's row is deleted together with its lease by the adapter.
CREATE TABLE mcp_session_leases (
    connection_id VARCHAR(36) NOT NULL PRIMARY KEY,
    namespace VARCHAR(255) NOT NULL,
    holder VARCHAR(128) NOT NULL,
    acquired_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);

-- Renewal updates every lease of one holder.
CREATE INDEX ix_mcp_session_leases_holder ON mcp_session_leases (holder);
