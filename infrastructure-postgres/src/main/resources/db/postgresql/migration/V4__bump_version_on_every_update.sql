-- Makes optimistic locking hold against every writer, not only this library: an update that
-- leaves version as it was (a writer that does not know the column) gets it bumped, so every copy
-- loaded before is refused. This library's saves set the next version themselves, so the trigger
-- changes nothing for them. BEFORE UPDATE: the row is written once, already bumped.
CREATE FUNCTION mcp_connections_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version = OLD.version THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tr_mcp_connections_version_bump
BEFORE UPDATE ON mcp_connections
FOR EACH ROW
EXECUTE FUNCTION mcp_connections_version_bump();
