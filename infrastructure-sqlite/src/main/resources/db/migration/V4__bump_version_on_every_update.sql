-- Makes optimistic locking hold against every writer, not only this library. The Python service
-- shares the table and changes rows without knowing the version column; a copy loaded here before
-- such a change would then be saved over it, and the change lost. Any update that leaves version
-- as it was gets it bumped here, so that every stale copy is refused.
--
-- This library's own saves set version to the next value themselves, so the trigger never fires
-- for them. Recursive triggers are off in SQLite unless asked for, and the trigger's own update
-- changes version anyway, so it cannot fire again.
CREATE TRIGGER tr_mcp_connections_version_bump
AFTER UPDATE ON mcp_connections
FOR EACH ROW
WHEN NEW.version = OLD.version
BEGIN
    UPDATE mcp_connections SET version = OLD.version + 1 WHERE id = NEW.id;
END;
