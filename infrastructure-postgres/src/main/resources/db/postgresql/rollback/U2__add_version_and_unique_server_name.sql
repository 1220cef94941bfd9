-- Undoes V2.
DROP INDEX ux_mcp_connections_namespace_server_name;

ALTER TABLE mcp_connections DROP COLUMN version;
