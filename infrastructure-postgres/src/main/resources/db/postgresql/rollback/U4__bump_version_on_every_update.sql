-- Undoes V4. Writers that do not know the version column can then lose updates again.
DROP TRIGGER tr_mcp_connections_version_bump ON mcp_connections;

DROP FUNCTION mcp_connections_version_bump();
