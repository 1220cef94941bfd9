package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.sqlite.migration.TableShape.Column;
import io.mcpconn.infrastructure.sqlite.migration.TableShape.Index;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shape of {@code mcp_connections} after each shipped migration, of V3's
 * {@code mcp_session_leases}, of V4's version trigger and V5's paging indexes, written out from the seed's specification and the design rather than
 * read back from the scripts, so that verify compares a database with the contract and not with
 * itself. A test keeps it equal to what the scripts really create.
 */
public final class ExpectedSchema {

    /** The table the schema is about. */
    public static final String TABLE = "mcp_connections";
    /** The seed's single-column index. */
    public static final String NAMESPACE_INDEX = "ix_mcp_connections_namespace";
    /** The seed's composite index. */
    public static final String NAMESPACE_AGENT_INDEX = "ix_mcp_connections_namespace_agent";
    /** V3's table: which instance holds each connection's live session, and until when. */
    public static final String SESSION_LEASES_TABLE = "mcp_session_leases";
    /** V3's index for renewing every lease of one holder. */
    public static final String SESSION_LEASES_HOLDER_INDEX = "ix_mcp_session_leases_holder";
    /** V5's index that serves a namespace's pages in their order. */
    public static final String PAGE_INDEX = "ix_mcp_connections_namespace_created";
    /** V5's index that serves an owner's pages in their order. */
    public static final String AGENT_PAGE_INDEX = "ix_mcp_connections_namespace_agent_created";
    /** How {@link TableShape} names a column of an index that is an expression, which has no name. */
    public static final String EXPRESSION = "<expression>";
    /** The newest version whose shapes are written out here (a test keeps it the shipped head). */
    public static final String LATEST = "6";
    /** V6's table: the transactional outbox of connection events. */
    public static final String EVENTS_TABLE = "mcp_connection_events";
    /** V4's trigger: an update that leaves version as it was bumps it. */
    public static final String VERSION_TRIGGER = "tr_mcp_connections_version_bump";

    // As SQLite keeps it in sqlite_master, blanks collapsed; the comments of V4 are not part of it.
    private static final String VERSION_TRIGGER_SQL = "CREATE TRIGGER " + VERSION_TRIGGER
            + " AFTER UPDATE ON mcp_connections FOR EACH ROW WHEN NEW.version = OLD.version BEGIN"
            + " UPDATE mcp_connections SET version = OLD.version + 1 WHERE id = NEW.id; END";

    private static final List<Column> SEED_COLUMNS = List.of(
            column("id", "VARCHAR(36)", true, null, 1),
            column("server_name", "VARCHAR(255)", true, null, 0),
            column("namespace", "VARCHAR(255)", true, null, 0),
            column("agent_id", "VARCHAR(255)", true, null, 0),
            column("status", "VARCHAR(50)", true, "'disconnected'", 0),
            column("config_json", "JSON", true, null, 0),
            column("tools_json", "JSON", true, "'[]'", 0),
            column("error_message", "TEXT", false, null, 0),
            column("error_at", "DATETIME", false, null, 0),
            column("created_at", "DATETIME", true, "CURRENT_TIMESTAMP", 0),
            column("connected_at", "DATETIME", false, null, 0),
            column("disconnected_at", "DATETIME", false, null, 0),
            column("updated_at", "DATETIME", false, null, 0));

    private static final List<Index> SEED_INDEXES = List.of(
            new Index(NAMESPACE_INDEX, false, List.of("namespace")),
            new Index(NAMESPACE_AGENT_INDEX, false, List.of("namespace", "agent_id")),
            new Index("sqlite_autoindex_mcp_connections_1", true, List.of("id")));

    private static final TableShape V2_TABLE = new TableShape(
            plus(SEED_COLUMNS, column("version", "INTEGER", true, "0", 0)),
            plus(SEED_INDEXES, new Index("ux_mcp_connections_namespace_server_name", true,
                    List.of("namespace", "server_name"))));

    // A text primary key is not the rowid, so SQLite backs it with an automatic unique index.
    private static final TableShape SESSION_LEASES = new TableShape(
            List.of(
                    column("connection_id", "VARCHAR(36)", true, null, 1),
                    column("namespace", "VARCHAR(255)", true, null, 0),
                    column("holder", "VARCHAR(128)", true, null, 0),
                    column("acquired_at", "DATETIME", true, null, 0),
                    column("expires_at", "DATETIME", true, null, 0)),
            List.of(
                    new Index(SESSION_LEASES_HOLDER_INDEX, false, List.of("holder")),
                    new Index("sqlite_autoindex_mcp_session_leases_1", true, List.of("connection_id"))));

    private static final TableShape EVENTS = new TableShape(
            List.of(
                    column("seq", "INTEGER", false, null, 1),
                    column("event_id", "VARCHAR(36)", true, null, 0),
                    column("connection_id", "VARCHAR(36)", true, null, 0),
                    column("namespace", "VARCHAR(255)", true, null, 0),
                    column("event_type", "VARCHAR(64)", true, null, 0),
                    column("payload_json", "JSON", true, null, 0),
                    column("occurred_at", "DATETIME", true, null, 0),
                    column("state", "VARCHAR(16)", true, "'pending'", 0),
                    column("attempts", "INTEGER", true, "0", 0),
                    column("handed_out", "INTEGER", true, "0", 0),
                    column("last_error", "TEXT", false, null, 0),
                    column("next_attempt_at", "DATETIME", false, null, 0),
                    column("claimed_by", "VARCHAR(128)", false, null, 0),
                    column("claimed_until", "DATETIME", false, null, 0),
                    column("settled_at", "DATETIME", false, null, 0)),
            List.of(
                    new Index("ix_mcp_connection_events_namespace", false, List.of("namespace", "seq")),
                    new Index("ix_mcp_connection_events_pending", false, List.of("connection_id", "seq")),
                    new Index("sqlite_autoindex_mcp_connection_events_1", true, List.of("event_id"))));

    private ExpectedSchema() {
    }

    /** Returns the table as the given version leaves it; empty for a version this build does not know. */
    public static Optional<TableShape> at(String version) {
        switch (version) {
            case "1":
                return Optional.of(new TableShape(SEED_COLUMNS, SEED_INDEXES));
            case "2":
            case "3":
            case "4":
                // V3 adds a table of its own (session leases) and V4 a trigger; both leave the
                // columns and indexes as V2 made them.
                return Optional.of(V2_TABLE);
            case "5":
            case "6":
                // V6 adds the events table of its own.
                return Optional.of(new TableShape(V2_TABLE.columns(), plus(plus(V2_TABLE.indexes(),
                        new Index(PAGE_INDEX, false, List.of("namespace", EXPRESSION, "id"))),
                        new Index(AGENT_PAGE_INDEX, false, List.of("namespace", "agent_id", EXPRESSION, "id")))));
            default:
                return Optional.empty();
        }
    }

    /**
     * Returns {@code mcp_session_leases} as the given version leaves it; empty where the version
     * has no such table (before V3) or is one this build does not know.
     */
    public static Optional<TableShape> sessionLeasesAt(String version) {
        switch (version) {
            case "3":
            case "4":
            case "5":
            case "6":
                return Optional.of(SESSION_LEASES);
            default:
                return Optional.empty();
        }
    }

    /**
     * Returns {@code mcp_connection_events} as the given version leaves it; empty before V6 or for
     * a version this build does not know.
     */
    public static Optional<TableShape> eventsAt(String version) {
        return version.equals("6") ? Optional.of(EVENTS) : Optional.empty();
    }

    /**
     * Returns the SQL of V4's version trigger as {@code sqlite_master} holds it, blanks collapsed;
     * empty before V4 or for a version this build does not know.
     */
    public static Optional<String> versionTriggerAt(String version) {
        return version.equals("4") || version.equals("5") || version.equals("6") ? Optional.of(VERSION_TRIGGER_SQL) : Optional.empty();
    }

    private static Column column(String name, String type, boolean notNull, String defaultValue, int primaryKey) {
        return new Column(name, type, notNull, Optional.ofNullable(defaultValue), primaryKey);
    }

    private static <T> List<T> plus(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return copy;
    }
}
