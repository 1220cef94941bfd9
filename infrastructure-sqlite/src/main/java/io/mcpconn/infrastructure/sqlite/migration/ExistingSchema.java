package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a database holds before mcpconn touches it: whether Flyway's history is there, whether
 * {@code mcp_connections} and {@code mcp_session_leases} are, and which Alembic revision the Python
 * service recorded, if any.
 *
 * @param tables every table, by name
 * @param connectionsTable the shape of {@code mcp_connections}, if it exists
 * @param sessionLeasesTable the shape of {@code mcp_session_leases}, if it exists
 * @param eventsTable the shape of {@code mcp_connection_events}, if it exists
 * @param versionTrigger the SQL of V4's trigger, blanks collapsed, if it exists
 * @param alembicRevisions what {@code alembic_version} holds, if that table exists
 */
record ExistingSchema(List<String> tables, Optional<TableShape> connectionsTable,
        Optional<TableShape> sessionLeasesTable, Optional<TableShape> eventsTable, Optional<String> versionTrigger,
        List<String> alembicRevisions) {

    /** The seed's Alembic revision that creates the table V1 creates. */
    static final String SEED_REVISION = SchemaVersion.SEED_REVISION;
    static final String HISTORY_TABLE = "flyway_schema_history";

    ExistingSchema {
        tables = List.copyOf(tables);
        Objects.requireNonNull(connectionsTable, "connectionsTable");
        Objects.requireNonNull(sessionLeasesTable, "sessionLeasesTable");
        Objects.requireNonNull(eventsTable, "eventsTable");
        Objects.requireNonNull(versionTrigger, "versionTrigger");
        alembicRevisions = List.copyOf(alembicRevisions);
    }

    static ExistingSchema read(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        List<String> revisions = new ArrayList<>();
        if (tables.contains("alembic_version")) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT version_num FROM alembic_version")) {
                while (rows.next()) {
                    revisions.add(rows.getString(1));
                }
            }
        }
        return new ExistingSchema(tables, TableShape.read(connection, ExpectedSchema.TABLE),
                TableShape.read(connection, ExpectedSchema.SESSION_LEASES_TABLE),
                TableShape.read(connection, ExpectedSchema.EVENTS_TABLE),
                SchemaVerifier.triggerSql(connection, ExpectedSchema.VERSION_TRIGGER), revisions);
    }

    /**
     * Whether mcpconn's tables are exactly as {@code version} leaves them. V2 and V3 leave
     * {@code mcp_connections} alike, so only the lease table (absent before V3) tells them apart.
     */
    boolean matches(String version) {
        boolean connections = connectionsTable.isPresent() && ExpectedSchema.at(version)
                .map(expected -> connectionsTable.get().differencesFrom(expected).isEmpty()).orElse(false);
        Optional<TableShape> leases = ExpectedSchema.sessionLeasesAt(version);
        boolean sessionLeases = leases.isEmpty() ? sessionLeasesTable.isEmpty()
                : sessionLeasesTable.map(actual -> actual.differencesFrom(leases.get()).isEmpty()).orElse(false);
        return connections && sessionLeases;
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    /** Whether the Python service's Alembic has a version table here. */
    boolean hasAlembic() {
        return tables.contains("alembic_version");
    }

    boolean hasHistory() {
        return tables.contains(HISTORY_TABLE);
    }

    /** The tables neither mcpconn's nor Flyway's, which mcpconn leaves alone. */
    List<String> otherTables() {
        return tables.stream().filter(t -> !t.equals(HISTORY_TABLE) && !t.equals(ExpectedSchema.TABLE)).toList();
    }

    /** How the Python service's Alembic history describes this database, for messages. */
    String alembicNote() {
        if (alembicRevisions.isEmpty()) {
            return "no Alembic revision recorded, so it was made by hand or by another tool";
        }
        if (alembicRevisions.contains(SEED_REVISION)) {
            return "Alembic revision " + SEED_REVISION + " (the seed's migration) recorded by the Python service";
        }
        return "Alembic revision " + String.join(", ", alembicRevisions) + " recorded by the Python service";
    }
}
