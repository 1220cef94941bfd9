package io.mcpconn.infrastructure.postgres.migration;

import io.mcpconn.infrastructure.jdbc.connection.ConnectionSql;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Check;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Status;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.postgres.database.PostgresDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * The seed's verification in PostgreSQL's terms: the table, its columns and their types, the
 * indexes, that the seed's two queries are planned on the seed's indexes and the repository's pages
 * on V5's without a sort, the later tables and trigger, and that every applied script is the one
 * shipped. Reads only.
 */
final class PostgresVerification {

    private static final int OLDEST_SERVER = 12;
    private static final int PLAN_ROWS = 20_000;
    // Coprime, so that every namespace holds every agent: lists of about 1,000 and 330 rows, long
    // enough that reading a page in index order beats sorting it, as in a busy deployment.
    private static final int PLAN_NAMESPACES = 20;
    private static final int PLAN_AGENTS = 3;

    private final PostgresDatabase database;

    PostgresVerification(PostgresDatabase database) {
        this.database = database;
    }

    VerificationReport verify(Optional<String> version, List<HistoryEntry> history) {
        int at = version.map(Integer::parseInt).orElse(0);
        var checks = new ArrayList<Check>();
        database.read(dsl -> {
            checks.add(server(dsl));
            boolean table = exists(dsl, PostgresExpectedSchema.TABLE);
            if (!table) {
                checks.add(new Check("table", Status.FAILED, PostgresExpectedSchema.TABLE + " does not exist"
                        + version.map(v -> " although version " + v + " is recorded").orElse(" (no migration applied)")));
                for (var name : List.of("columns", "indexes", "namespace query", "namespace+agent query")) {
                    checks.add(new Check(name, Status.SKIPPED, "no table"));
                }
                return null;
            }
            checks.add(new Check("table", Status.PASSED, PostgresExpectedSchema.TABLE + " exists"));
            checks.add(compare("columns", columns(dsl), PostgresExpectedSchema.columns(Math.max(at, 1)), at));
            checks.add(compare("indexes", indexes(dsl), PostgresExpectedSchema.indexes(Math.max(at, 1)), at));
            if (at >= 3) {
                checks.add(exists(dsl, PostgresExpectedSchema.LEASES)
                        ? new Check("session leases", Status.PASSED, PostgresExpectedSchema.LEASES + " exists as V3 makes it")
                        : new Check("session leases", Status.FAILED, PostgresExpectedSchema.LEASES
                                + " does not exist although version " + at + " is recorded"));
            }
            if (at >= 4) {
                checks.add(trigger(dsl));
            }
            return null;
        });
        if (checks.stream().anyMatch(check -> check.name().equals("table") && check.status() == Status.PASSED)) {
            checks.addAll(4, plans(at));
        }
        checks.add(history(history));
        return new VerificationReport(database.options().location().url(), version, checks);
    }

    /**
     * The planner chooses by cost from statistics, and on an empty or small table any index (or
     * none) costs the same; so the plans are taken on a temporary table made LIKE mcp_connections,
     * with its indexes, filled with rows spread as a busy deployment's are (many namespaces, a few
     * agents each) and analysed. It is dropped with the transaction, which is rolled back: nothing
     * of it is ever visible, and the real table is only read (its definition).
     */
    private List<Check> plans(int version) {
        return database.update(statements -> {
            var connection = statements.connection();
            var found = new ArrayList<Check>();
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE verify_plans (LIKE mcp_connections INCLUDING DEFAULTS"
                        + " INCLUDING INDEXES) ON COMMIT DROP");
                statement.execute("INSERT INTO verify_plans (id, server_name, namespace, agent_id, config_json, created_at)"
                        + " SELECT 'id-' || i, 'server-' || i, 'ns-' || (i % " + PLAN_NAMESPACES + "), 'agent-' || (i % "
                        + PLAN_AGENTS + "), '{}', now() - i * interval '1 second' FROM generate_series(1, " + PLAN_ROWS
                        + ") AS i");
                statement.execute("SET LOCAL enable_seqscan = off");
                statement.execute("ANALYZE verify_plans");
                var names = copiedIndexNames(statement);
                found.add(plan(statement, names, "namespace query",
                        "SELECT * FROM verify_plans WHERE namespace = 'ns-1'", PostgresExpectedSchema.NAMESPACE_INDEX,
                        "(namespace"));
                found.add(plan(statement, names, "namespace+agent query",
                        "SELECT * FROM verify_plans WHERE namespace = 'ns-1' AND agent_id = 'agent-1'",
                        PostgresExpectedSchema.AGENT_INDEX, "(namespace, agent_id"));
                if (version >= 5) {
                    found.add(pages(statement, names));
                }
            } finally {
                connection.rollback();
            }
            return found;
        });
    }

    /**
     * The name of each index of verify_plans mapped to that of mcp_connections with the same
     * definition; and each real index's name to its column list, under the key {@code "shape:" + name}.
     */
    private static Map<String, String> copiedIndexNames(java.sql.Statement statement) throws java.sql.SQLException {
        var real = new TreeMap<String, String>();
        var names = new TreeMap<String, String>();
        try (var result = statement.executeQuery("SELECT tablename, indexname, indexdef FROM pg_indexes"
                + " WHERE tablename IN ('mcp_connections', 'verify_plans')")) {
            var copies = new TreeMap<String, String>();
            while (result.next()) {
                var definition = result.getString(3);
                var shape = (definition.startsWith("CREATE UNIQUE") ? "UNIQUE " : "") + definition.substring(definition.indexOf('('));
                if (result.getString(1).equals("mcp_connections")) {
                    real.put(shape, result.getString(2));
                } else {
                    copies.put(result.getString(2), shape);
                }
            }
            copies.forEach((copy, shape) -> names.put(copy, real.getOrDefault(shape, copy)));
            real.forEach((shape, name) -> names.put("shape:" + name, shape));
        }
        return names;
    }

    private static String explained(java.sql.Statement statement, Map<String, String> names, String query)
            throws java.sql.SQLException {
        var lines = new ArrayList<String>();
        try (var result = statement.executeQuery("EXPLAIN " + query)) {
            while (result.next()) {
                var line = result.getString(1).strip();
                for (var entry : names.entrySet()) {
                    if (entry.getKey().startsWith("shape:")) {
                        continue;
                    }
                    line = line.replace(" " + entry.getKey() + " ", " " + entry.getValue() + " ")
                            .replaceAll(" " + java.util.regex.Pattern.quote(entry.getKey()) + "$", " " + entry.getValue());
                }
                lines.add(line.replace("verify_plans", "mcp_connections").replaceAll("\\s*\\(cost=[^)]*\\)", ""));
            }
        }
        return String.join(" / ", lines);
    }

    /**
     * PostgreSQL takes whichever index costs least, and of several that start with the query's
     * columns any may win (SQLite breaks the tie by creation order, PostgreSQL by cost): what must
     * hold is that the query is an index scan on one that starts with its columns, while
     * {@code indexes} checks that the seed's own is there.
     */
    private static Check plan(java.sql.Statement statement, Map<String, String> names, String name, String query,
            String seedIndex, String leading) throws java.sql.SQLException {
        var shown = explained(statement, names, query);
        var used = names.keySet().stream().filter(key -> key.startsWith("shape:"))
                .map(key -> key.substring("shape:".length()))
                .filter(index -> shown.contains(" " + index + " ") || shown.endsWith(" " + index)).findFirst();
        if (used.isEmpty() || !names.get("shape:" + used.get()).replace("UNIQUE ", "").startsWith(leading)) {
            return new Check(name, Status.FAILED, shown + " (expected a scan of an index on " + leading.substring(1)
                    + ", such as " + seedIndex + ")");
        }
        return new Check(name, Status.PASSED, shown + (used.get().equals(seedIndex) ? ""
                : " (PostgreSQL chose " + used.get() + " over " + seedIndex + " by cost; both start with "
                        + leading.substring(1) + ")"));
    }

    private static Check server(DSLContext dsl) {
        int number = Integer.parseInt(dsl.fetchValue("SHOW server_version_num").toString());
        var shown = "PostgreSQL " + dsl.fetchValue("SHOW server_version");
        return number / 10_000 >= OLDEST_SERVER
                ? new Check("postgresql", Status.PASSED, shown)
                : new Check("postgresql", Status.FAILED, shown + " is older than " + OLDEST_SERVER
                        + ", which the migrations need (EXECUTE FUNCTION, JSONB)");
    }

    private static boolean exists(DSLContext dsl, String table) {
        return dsl.fetchValue("SELECT to_regclass({0}) IS NOT NULL", org.jooq.impl.DSL.inline(table)) instanceof Boolean b && b;
    }

    private static Map<String, String> columns(DSLContext dsl) {
        var found = new TreeMap<String, String>();
        dsl.fetch("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = 'mcp_connections'").forEach(row -> found.put(row.get(0, String.class),
                        row.get(1, String.class)));
        return found;
    }

    private static Map<String, String> indexes(DSLContext dsl) {
        var found = new TreeMap<String, String>();
        dsl.fetch("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                + " AND tablename = 'mcp_connections'").forEach(row -> {
                    var definition = row.get(1, String.class);
                    var columns = definition.substring(definition.indexOf('('));
                    found.put(row.get(0, String.class), (definition.startsWith("CREATE UNIQUE") ? "UNIQUE " : "") + columns);
                });
        return found;
    }

    private static Check compare(String name, Map<String, String> found, Map<String, String> expected, int version) {
        var differences = new ArrayList<String>();
        expected.forEach((key, value) -> {
            if (!found.containsKey(key)) {
                differences.add(key + " is missing");
            } else if (!found.get(key).equals(value)) {
                differences.add(key + " is " + found.get(key) + ", expected " + value);
            }
        });
        found.keySet().stream().filter(key -> !expected.containsKey(key)).forEach(key -> differences.add(key
                + " is not one the migrations make"));
        var against = " as V" + Math.max(version, 1) + " defines them";
        return differences.isEmpty()
                ? new Check(name, Status.PASSED, found.size() + " " + name + against)
                : new Check(name, Status.FAILED, String.join("; ", differences));
    }

    private static Check pages(java.sql.Statement statement, Map<String, String> names) throws java.sql.SQLException {
        var sql = ConnectionSql.of(PostgresDialect.INSTANCE);
        var problems = new ArrayList<String>();
        var shown = new ArrayList<String>();
        var queries = new LinkedHashMap<String, String>();
        queries.put("namespace page", sql.firstPageOfNamespace().replaceFirst("\\?", "'ns-1'").replaceFirst("\\?", "51"));
        queries.put("owner page", sql.firstPageOfAgent().replaceFirst("\\?", "'ns-1'").replaceFirst("\\?", "'agent-1'")
                .replaceFirst("\\?", "51"));
        var indexes = List.of(PostgresExpectedSchema.PAGE_INDEX, PostgresExpectedSchema.AGENT_PAGE_INDEX);
        int i = 0;
        for (var entry : queries.entrySet()) {
            var plan = explained(statement, names, entry.getValue().replace("\"mcp_connections\"", "verify_plans"));
            var index = indexes.get(i++);
            if (!plan.contains(index) || plan.contains("Sort")) {
                problems.add(entry.getKey() + ": " + plan + " (expected " + index + " in page order, no Sort)");
            } else {
                shown.add(entry.getKey() + " on " + index);
            }
        }
        return problems.isEmpty()
                ? new Check("page queries", Status.PASSED, String.join("; ", shown) + ", in page order as V5 defines them")
                : new Check("page queries", Status.FAILED, String.join("; ", problems));
    }

    private static Check trigger(DSLContext dsl) {
        var found = dsl.fetchValue("SELECT count(*) FROM pg_trigger WHERE tgname = {0} AND NOT tgisinternal",
                org.jooq.impl.DSL.inline(PostgresExpectedSchema.TRIGGER));
        return found != null && ((Number) found).longValue() == 1
                ? new Check("version trigger", Status.PASSED, PostgresExpectedSchema.TRIGGER
                        + " bumps version on every update that leaves it, as V4 defines it")
                : new Check("version trigger", Status.FAILED, PostgresExpectedSchema.TRIGGER + " does not exist although"
                        + " V4 is recorded, so writers that do not know the version column can lose updates");
    }

    private static Check history(List<HistoryEntry> history) {
        var changed = history.stream().filter(entry -> entry.checksum() == HistoryEntry.Checksum.MISMATCH)
                .map(HistoryEntry::version).toList();
        var applied = history.stream().filter(entry -> entry.state() == HistoryEntry.State.APPLIED).count();
        return changed.isEmpty()
                ? new Check("history", Status.PASSED, applied + " applied migration(s), each the script this build ships")
                : new Check("history", Status.FAILED, "the scripts of version(s) " + String.join(", ", changed)
                        + " were changed after they were applied");
    }
}
