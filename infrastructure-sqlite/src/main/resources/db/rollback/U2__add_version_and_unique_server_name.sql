-- Undoes V2. The index goes first: SQLite refuses to drop a column that an index still uses, and
-- dropping it first keeps this script correct should the index ever cover version.
DROP INDEX ux_mcp_connections_namespace_server_name;

ALTER TABLE mcp_connections DROP COLUMN version;
