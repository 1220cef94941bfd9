-- Undoes V6. Events not yet delivered are dropped with the table: deliver them first (the runtime
-- does on start-up), or keep a backup.
DROP INDEX ix_mcp_connection_events_namespace;

DROP INDEX ix_mcp_connection_events_pending;

DROP TABLE mcp_connection_events;
