-- Adds optimistic locking and makes a server name unique within its namespace.
--
-- A database written by the seed's Python service may already hold two rows with the same
-- (namespace, server_name). CREATE UNIQUE INDEX would then fail with a bare constraint error that
-- names no row, so the duplicates are looked for first and, if any, the migration aborts with a
-- message listing them. Flyway runs this script in one transaction: the abort leaves the database
-- exactly at V1.
--
-- The check is plain SQL: a TEMP trigger RAISEs with a computed message. That needs SQLite 3.47 or
-- later (an expression as RAISE's second argument; ORDER BY inside group_concat needs 3.44), which
-- sqlite-jdbc bundles; an older SQLite stops at the CREATE TRIGGER with a syntax error, changing
-- nothing. TEMP objects live only in this connection, and are dropped once the check has passed.
CREATE TEMP TABLE v2_duplicate_server_names (message TEXT);

CREATE TEMP TRIGGER v2_abort_on_duplicate_server_names
BEFORE INSERT ON v2_duplicate_server_names
WHEN NEW.message IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, NEW.message);
END;

-- group_concat over no duplicates is NULL, so the trigger's WHEN stays false. At most 20 pairs are
-- listed so that the message stays readable; the rest are counted.
INSERT INTO v2_duplicate_server_names (message)
SELECT 'V2 cannot add the unique index ux_mcp_connections_namespace_server_name: '
       || 'duplicate server names per namespace: '
       || group_concat(pair, ', ' ORDER BY namespace, server_name)
       || CASE WHEN max(total) > 20 THEN ', ... and ' || (max(total) - 20) || ' more' ELSE '' END
       || '. Rename or delete the duplicates, then run upgrade again.'
FROM (
    SELECT namespace,
           server_name,
           namespace || '/' || server_name || ' (' || count(*) || ' rows)' AS pair,
           count(*) OVER () AS total
    FROM mcp_connections
    GROUP BY namespace, server_name
    HAVING count(*) > 1
    ORDER BY namespace, server_name
    LIMIT 20
);

DROP TRIGGER v2_abort_on_duplicate_server_names;

DROP TABLE v2_duplicate_server_names;

-- Existing rows start at version 0, the same as rows inserted by writers that do not know the column.
ALTER TABLE mcp_connections ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX ux_mcp_connections_namespace_server_name ON mcp_connections (namespace, server_name);

-- SQLite's planner breaks the tie between indexes that all start with namespace by taking the one
-- created last, so on the seed's own V1 schema `WHERE namespace = ?` uses the composite index, not
-- ix_mcp_connections_namespace as the seed's verification expects. Re-creating the seed's index
-- (same name, same column) after the others makes it the last one, so from V2 on the seed's
-- namespace query plans exactly as the seed says.
DROP INDEX ix_mcp_connections_namespace;

CREATE INDEX ix_mcp_connections_namespace ON mcp_connections (namespace);
