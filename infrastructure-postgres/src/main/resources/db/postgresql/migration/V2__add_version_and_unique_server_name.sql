-- Adds optimistic locking and makes a server name unique within its namespace.
--
-- Rows written before may hold two of the same (namespace, server_name); CREATE UNIQUE INDEX would
-- then fail naming one pair only, so the duplicates are listed first and the migration aborts with
-- them. Flyway runs this script in one transaction: the abort leaves the database exactly at V1.
DO $$
DECLARE
    pairs TEXT;
    total BIGINT;
BEGIN
    SELECT string_agg(pair, ', ' ORDER BY namespace, server_name), max(n)
      INTO pairs, total
      FROM (SELECT namespace, server_name,
                   namespace || '/' || server_name || ' (' || count(*) || ' rows)' AS pair,
                   count(*) OVER () AS n
              FROM mcp_connections
             GROUP BY namespace, server_name
            HAVING count(*) > 1
             ORDER BY namespace, server_name
             LIMIT 20) AS duplicates;
    IF pairs IS NOT NULL THEN
        RAISE EXCEPTION '%', 'V2 cannot add the unique index ux_mcp_connections_namespace_server_name: '
            || 'duplicate server names per namespace: ' || pairs
            || CASE WHEN total > 20 THEN ', ... and ' || (total - 20) || ' more' ELSE '' END
            || '. Rename or delete the duplicates, then run upgrade again.';
    END IF;
END
$$;

-- Existing rows start at version 0, the same as rows inserted by writers that do not know the column.
ALTER TABLE mcp_connections ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX ux_mcp_connections_namespace_server_name ON mcp_connections (namespace, server_name);
