package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.connection.ConnectionSql;
import io.mcpconn.infrastructure.sqlite.database.SqliteDialect;
import io.mcpconn.infrastructure.sqlite.database.SqliteErrors;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Check;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's "Verification" section, run as checks on one read connection: SQLite's JSON support,
 * {@code PRAGMA integrity_check}, the table, its columns and indexes as the applied version should
 * have them, and the plans of the seed's two queries; from V3 on also the session lease table.
 */
final class SchemaVerifier {

    static final String NAMESPACE_QUERY = "SELECT * FROM mcp_connections WHERE namespace = ?";
    static final String NAMESPACE_AGENT_QUERY = "SELECT * FROM mcp_connections WHERE namespace = ? AND agent_id = ?";
    private static final Pattern INDEX_SEARCH = Pattern.compile("SEARCH mcp_connections USING (?:COVERING )?INDEX (\\S+) .*");

    private SchemaVerifier() {
    }

    /** The checks that need no knowledge of the migration history. */
    static List<Check> checkSchema(Connection connection, Optional<String> version, boolean unmanaged)
            throws SQLException {
        // A real read first: a statement reloads the connection's copy of the schema when another
        // connection changed it, an EXPLAIN does not, and would plan against the old schema.
        try (Statement statement = connection.createStatement();
                ResultSet ignored = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            ignored.next();
        }
        List<Check> checks = new ArrayList<>();
        checks.add(sqlite(SqliteCapabilities.probe(connection)));
        checks.add(integrity(connection));
        Optional<String> expectedVersion = unmanaged ? Optional.of("1") : version;
        checks.addAll(connectionsTable(connection, version, expectedVersion));
        // Only versions that have the lease table get this check: a report on V1 or V2 lists no
        // check that could not apply to it.
        Optional<TableShape> leases = expectedVersion.flatMap(ExpectedSchema::sessionLeasesAt);
        if (leases.isPresent()) {
            checks.add(sessionLeases(connection, expectedVersion.orElseThrow(), leases.get()));
        }
        Optional<String> trigger = expectedVersion.flatMap(ExpectedSchema::versionTriggerAt);
        if (trigger.isPresent()) {
            checks.add(versionTrigger(connection, expectedVersion.orElseThrow(), trigger.get()));
        }
        return checks;
    }

    /**
     * Without the trigger, a writer that does not know the version column (the Python service)
     * can have its change overwritten by a stale save, so its absence or alteration fails verify.
     */
    private static Check versionTrigger(Connection connection, String version, String expected) throws SQLException {
        Optional<String> actual = triggerSql(connection, ExpectedSchema.VERSION_TRIGGER);
        if (actual.isEmpty()) {
            return new Check("version trigger", Status.FAILED, ExpectedSchema.VERSION_TRIGGER + " does not exist although"
                    + " version " + version + " is recorded, so writers that do not know the version column can lose"
                    + " updates; restore a backup (<db>.backup-*), or run V4 again: stamp version 3, then upgrade");
        }
        if (!actual.get().equals(expected)) {
            return new Check("version trigger", Status.FAILED, ExpectedSchema.VERSION_TRIGGER + " is not the one V"
                    + version + " creates: found \"" + actual.get() + "\", expected \"" + expected + "\"");
        }
        return new Check("version trigger", Status.PASSED, ExpectedSchema.VERSION_TRIGGER + " bumps version on every"
                + " update that leaves it, as V" + version + " defines it");
    }

    /** The trigger's SQL as SQLite keeps it, blanks collapsed; empty if there is no such trigger. */
    static Optional<String> triggerSql(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1).replaceAll("\\s+", " ").strip())
                        : Optional.empty();
            }
        }
    }

    /** The seed's checks of {@code mcp_connections}; those that need the table are skipped without it. */
    private static List<Check> connectionsTable(Connection connection, Optional<String> version,
            Optional<String> expectedVersion) throws SQLException {
        List<Check> checks = new ArrayList<>();
        Optional<TableShape> table = TableShape.read(connection, ExpectedSchema.TABLE);
        if (table.isEmpty()) {
            checks.add(new Check("table", Status.FAILED, ExpectedSchema.TABLE + " does not exist"
                    + version.map(v -> " although version " + v + " is recorded").orElse(" (no migration applied)")
                    + "; run mcpconn db upgrade"));
            for (String name : List.of("columns", "indexes", "namespace query", "namespace+agent query")) {
                checks.add(new Check(name, Status.SKIPPED, "no table"));
            }
            return checks;
        }
        checks.add(new Check("table", Status.PASSED, ExpectedSchema.TABLE + " exists"));
        Optional<TableShape> expected = expectedVersion.flatMap(ExpectedSchema::at);
        if (expected.isEmpty()) {
            String why = expectedVersion.map(v -> "this build does not know what version " + v + " looks like")
                    .orElse("no migration is recorded, so nothing says what the table should look like");
            checks.add(new Check("columns", Status.FAILED, why));
            checks.add(new Check("indexes", Status.FAILED, why));
        } else {
            String against = " as V" + expectedVersion.orElseThrow() + " defines them";
            checks.add(compare("columns", new TableShape(table.get().columns(), List.of()),
                    new TableShape(expected.get().columns(), List.of()),
                    table.get().columns().size() + " columns" + against));
            checks.add(compare("indexes", new TableShape(List.of(), table.get().indexes()),
                    new TableShape(List.of(), expected.get().indexes()),
                    table.get().indexes().stream().map(TableShape.Index::toString).reduce((a, b) -> a + ", " + b)
                            .orElse("none") + against));
        }
        checks.add(namespacePlan(connection, table.get()));
        checks.add(namespaceAgentPlan(connection));
        // Only versions that have the paging indexes get this check, as with the lease table.
        if (expected.filter(shape -> shape.indexes().stream()
                .anyMatch(i -> i.name().equals(ExpectedSchema.PAGE_INDEX))).isPresent()) {
            checks.add(pagePlans(connection, expectedVersion.orElseThrow()));
        }
        return checks;
    }

    /**
     * One check for the whole lease table: nothing else in verify reads it, so one line that lists
     * every missing or altered column and index says all there is to say. A missing table is not
     * re-created by upgrade, as Flyway counts V3 applied, hence the fix.
     */
    private static Check sessionLeases(Connection connection, String version, TableShape expected)
            throws SQLException {
        String table = ExpectedSchema.SESSION_LEASES_TABLE;
        Optional<TableShape> actual = TableShape.read(connection, table);
        if (actual.isEmpty()) {
            return new Check("session leases", Status.FAILED, table + " does not exist although version " + version
                    + " is recorded; restore a backup (<db>.backup-*), or run V3 again: mcpconn db stamp 2, then"
                    + " mcpconn db upgrade");
        }
        return compare("session leases", actual.get(), expected, table + " with " + actual.get().columns().size()
                + " columns and " + actual.get().indexes().size() + " indexes as V" + version + " defines them");
    }

    private static Check sqlite(SqliteCapabilities capabilities) {
        return SqliteRequirements.jsonProblem(capabilities)
                .map(problem -> new Check("sqlite", Status.FAILED, problem))
                .orElseGet(() -> new Check("sqlite", Status.PASSED, "SQLite " + capabilities.version()
                        + " with JSON functions (needs " + SqliteRequirements.JSON_MINIMUM + " or newer)"));
    }

    private static Check integrity(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        if (lines.equals(List.of("ok"))) {
            return new Check("integrity", Status.PASSED, "PRAGMA integrity_check: ok");
        }
        return new Check("integrity", Status.FAILED, "PRAGMA integrity_check: "
                + String.join("; ", lines.subList(0, Math.min(5, lines.size())))
                + (lines.size() > 5 ? "; … " + (lines.size() - 5) + " more" : "")
                + "; restore a backup (<db>.backup-*)");
    }

    private static Check compare(String name, TableShape actual, TableShape expected, String passed) {
        List<String> differences = actual.differencesFrom(expected);
        return differences.isEmpty()
                ? new Check(name, Status.PASSED, passed)
                : new Check(name, Status.FAILED, String.join("; ", differences));
    }

    private static Check namespacePlan(Connection connection, TableShape table) {
        List<String> plan;
        try {
            plan = plan(connection, NAMESPACE_QUERY, "test-namespace");
        } catch (SQLException e) {
            return unplannable("namespace query", e);
        }
        String shown = String.join(" / ", plan);
        Optional<String> index = plan.stream().map(INDEX_SEARCH::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).findFirst();
        boolean leadsWithNamespace = index.flatMap(name -> table.indexes().stream()
                        .filter(i -> i.name().equals(name)).findFirst())
                .map(i -> !i.columns().isEmpty() && i.columns().get(0).equals("namespace"))
                .orElse(false);
        if (!leadsWithNamespace) {
            return new Check("namespace query", Status.FAILED, shown + " (expected a SEARCH using "
                    + ExpectedSchema.NAMESPACE_INDEX + ")");
        }
        if (index.orElseThrow().equals(ExpectedSchema.NAMESPACE_INDEX)) {
            return new Check("namespace query", Status.PASSED, shown);
        }
        // On the seed's V1 schema SQLite breaks the tie between indexes that lead with namespace by
        // taking the one created last; V2 re-creates the seed's index last to get the seed's plan.
        return new Check("namespace query", Status.PASSED, shown + " (SQLite chose " + index.orElseThrow()
                + ", which also leads with namespace; from V2 on it chooses " + ExpectedSchema.NAMESPACE_INDEX + ")");
    }

    private static Check namespaceAgentPlan(Connection connection) {
        List<String> plan;
        try {
            plan = plan(connection, NAMESPACE_AGENT_QUERY, "test-namespace", "test-agent");
        } catch (SQLException e) {
            return unplannable("namespace+agent query", e);
        }
        String shown = String.join(" / ", plan);
        boolean uses = plan.stream().map(INDEX_SEARCH::matcher)
                .anyMatch(m -> m.matches() && m.group(1).equals(ExpectedSchema.NAMESPACE_AGENT_INDEX));
        return uses
                ? new Check("namespace+agent query", Status.PASSED, shown)
                : new Check("namespace+agent query", Status.FAILED, shown + " (expected a SEARCH using "
                        + ExpectedSchema.NAMESPACE_AGENT_INDEX + ")");
    }

    /**
     * The repository's own page queries must read their rows from V5's indexes in page order: with
     * any other plan each page sorts every row of the namespace, which is correct but grows with
     * the namespace.
     */
    private static Check pagePlans(Connection connection, String version) {
        List<String> problems = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        try {
            comparePagePlan(plan(connection, ConnectionSql.of(SqliteDialect.INSTANCE).firstPageOfNamespace(), "test-namespace", "51"),
                    ExpectedSchema.PAGE_INDEX, "namespace page", shown, problems);
            comparePagePlan(plan(connection, ConnectionSql.of(SqliteDialect.INSTANCE).firstPageOfAgent(), "test-namespace", "test-agent", "51"),
                    ExpectedSchema.AGENT_PAGE_INDEX, "owner page", shown, problems);
        } catch (SQLException e) {
            return unplannable("page queries", e);
        }
        if (!problems.isEmpty()) {
            return new Check("page queries", Status.FAILED, String.join("; ", problems) + "; every page then sorts the"
                    + " whole namespace: restore a backup (<db>.backup-*), or run V5 again: stamp version 4, then upgrade");
        }
        return new Check("page queries", Status.PASSED, String.join("; ", shown) + ", in page order as V" + version
                + " defines them");
    }

    private static void comparePagePlan(List<String> plan, String index, String what, List<String> shown,
            List<String> problems) {
        String text = String.join(" / ", plan);
        boolean usesIndex = plan.stream().map(INDEX_SEARCH::matcher).anyMatch(m -> m.matches() && m.group(1).equals(index));
        boolean sorts = plan.stream().anyMatch(line -> line.startsWith("USE TEMP B-TREE"));
        if (!usesIndex || sorts) {
            problems.add(what + ": " + text + " (expected a SEARCH using " + index + " and no sort)");
        } else {
            shown.add(what + ": " + text);
        }
    }

    /** A table without the queried columns cannot even be planned; that is the check's answer. */
    private static Check unplannable(String name, SQLException e) {
        return new Check(name, Status.FAILED, "SQLite cannot plan the query: " + SqliteErrors.messageOf(e));
    }

    private static List<String> plan(Connection connection, String sql, String... parameters) throws SQLException {
        List<String> details = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    details.add(rows.getString("detail"));
                }
            }
        }
        return details;
    }
}
