package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift;
import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares what a database holds with what its recorded version makes, and names the likely cause
 * of any difference. Flyway only knows what it ran, so a table another tool dropped or re-created
 * (the seed's own rollback, {@code alembic downgrade -1}, then {@code alembic upgrade head}) would
 * otherwise still read as "up to date".
 */
final class Drifts {

    private Drifts() {
    }

    /**
     * The drift of {@code existing} from {@code recorded}; empty when they agree, when nothing is
     * recorded, or when the version is one this build does not know (a newer build's, refused
     * elsewhere).
     */
    static Optional<SchemaDrift> detect(ExistingSchema existing, Optional<String> recorded) {
        if (recorded.isEmpty() || ExpectedSchema.at(recorded.get()).isEmpty()) {
            return Optional.empty();
        }
        String version = recorded.get();
        List<String> differences = differences(existing, version);
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SchemaDrift(version, cause(existing, version, differences),
                explanation(existing, version, differences), differences));
    }

    /**
     * Every table, column, index and trigger of mcpconn's that is missing, extra or not as
     * {@code version} makes it. An object of a later version that is already there is left to the
     * migration that makes it, which fails on it (rolled back, saying so).
     */
    static List<String> differences(ExistingSchema existing, String version) {
        List<String> differences = new ArrayList<>();
        table(ExpectedSchema.TABLE, existing.connectionsTable(), ExpectedSchema.at(version), differences);
        table(ExpectedSchema.SESSION_LEASES_TABLE, existing.sessionLeasesTable(),
                ExpectedSchema.sessionLeasesAt(version), differences);
        table(ExpectedSchema.EVENTS_TABLE, existing.eventsTable(), ExpectedSchema.eventsAt(version), differences);
        Optional<String> trigger = ExpectedSchema.versionTriggerAt(version);
        Optional<String> actual = existing.versionTrigger();
        if (trigger.isPresent() && actual.isEmpty()) {
            differences.add("missing trigger " + ExpectedSchema.VERSION_TRIGGER);
        } else if (trigger.isPresent() && !trigger.equals(actual)) {
            differences.add("trigger " + ExpectedSchema.VERSION_TRIGGER + " is not the one V4 makes: \""
                    + actual.orElseThrow() + "\"");
        }
        return differences;
    }

    /**
     * Whether every difference is a missing index that only makes queries slower (not a unique
     * one, which keeps server names apart): statements still do what they should, so the adapters
     * go on, warning, where any other drift is refused.
     */
    static boolean onlySlowsQueries(SchemaDrift drift) {
        return drift.differences().stream().allMatch(d -> d.startsWith(ExpectedSchema.TABLE + ": missing index ")
                && !d.contains(" UNIQUE "));
    }

    private static void table(String name, Optional<TableShape> actual, Optional<TableShape> expected,
            List<String> differences) {
        if (expected.isPresent() && actual.isEmpty()) {
            differences.add("missing table " + name);
        } else if (expected.isPresent()) {
            actual.orElseThrow().differencesFrom(expected.get()).stream()
                    .filter(d -> !madeLater(d, expected.get()))
                    .forEach(d -> differences.add(name + ": " + d));
        }
    }

    /**
     * Whether {@code difference} is a column or index a later version of {@code mcp_connections}
     * adds: there already when a version was stamped below it to run it again.
     */
    private static boolean madeLater(String difference, TableShape expected) {
        TableShape latest = ExpectedSchema.at(ExpectedSchema.LATEST).orElseThrow();
        return latest.columns().stream().filter(c -> !expected.columns().contains(c))
                        .anyMatch(c -> difference.equals("unexpected column " + c))
                || latest.indexes().stream().filter(i -> !expected.indexes().contains(i))
                        .anyMatch(i -> difference.equals("unexpected index " + i));
    }

    private static Cause cause(ExistingSchema existing, String version, List<String> differences) {
        if (existing.connectionsTable().isEmpty()) {
            return Cause.TABLE_DROPPED;
        }
        if (!version.equals("1") && matchesV1(existing)) {
            return Cause.TABLE_RECREATED;
        }
        return differences.stream().allMatch(d -> d.startsWith("missing ") || d.contains(": missing "))
                ? Cause.OBJECTS_DROPPED : Cause.ALTERED;
    }

    private static boolean matchesV1(ExistingSchema existing) {
        return existing.connectionsTable().orElseThrow().differencesFrom(ExpectedSchema.at("1").orElseThrow())
                .isEmpty();
    }

    private static String explanation(ExistingSchema existing, String version, List<String> differences) {
        switch (cause(existing, version, differences)) {
            case TABLE_DROPPED:
                return ExpectedSchema.TABLE + " does not exist although version " + version + " is recorded: it was"
                        + " dropped outside mcpconn's migrations" + alembicDowngrade(existing);
            case TABLE_RECREATED:
                return ExpectedSchema.TABLE + " has V1's shape although version " + version + " is recorded: it was"
                        + " dropped and created again outside mcpconn's migrations" + alembicReapply(existing)
                        + "; the rows it held before the drop went with it, only a backup taken before then has them";
            case OBJECTS_DROPPED:
                return "what the migrations up to version " + version + " make is partly missing: it was dropped"
                        + " outside mcpconn's migrations, by hand or by another tool";
            default:
                return "the tables are not what version " + version + " makes: they were changed outside mcpconn's"
                        + " migrations, by hand or by another tool";
        }
    }

    private static String alembicDowngrade(ExistingSchema existing) {
        if (!existing.hasAlembic() || existing.alembicRevisions().contains(ExistingSchema.SEED_REVISION)) {
            return ", by hand or by another tool";
        }
        return ", as the seed's rollback does: Alembic records "
                + (existing.alembicRevisions().isEmpty() ? "no revision"
                        : "revision " + String.join(", ", existing.alembicRevisions()))
                + " instead of " + ExistingSchema.SEED_REVISION + ", so alembic downgrade ran that revision's"
                + " downgrade, which drops the table and its rows";
    }

    private static String alembicReapply(ExistingSchema existing) {
        return existing.alembicRevisions().contains(ExistingSchema.SEED_REVISION)
                ? ", as the seed's rollback and re-apply do (alembic downgrade -1, then alembic upgrade head, which"
                        + " made V1's table again and records " + ExistingSchema.SEED_REVISION + ")"
                : ", by hand or by another tool";
    }
}
