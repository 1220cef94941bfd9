-- Records which running instance holds the live MCP session of each connection, and until when.
-- Several runtime instances share one database; a connection whose status claims a session but
-- whose lease is missing or expired was left behind by a process that died, and may be recovered by
-- any instance. A table of its own: renewing a lease every few seconds must not bump the
-- connection's version.
CREATE TABLE mcp_session_leases (
    connection_id VARCHAR(36) NOT NULL PRIMARY KEY,
    namespace VARCHAR(255) NOT NULL,
    holder VARCHAR(128) NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

-- Renewal updates every lease of one holder.
CREATE INDEX ix_mcp_session_leases_holder ON mcp_session_leases (holder);
