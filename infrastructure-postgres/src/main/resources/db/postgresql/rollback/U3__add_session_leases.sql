-- Undoes V3. Leases only describe sessions of running processes; none outlives them.
DROP INDEX ix_mcp_session_leases_holder;

DROP TABLE mcp_session_leases;
