package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.FlywayHistory;
import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift;
import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a drifted database back to the version its history records by running again each
 * recorded migration whose objects are all gone: V1 when the table was dropped, V2, V4 and V5 when
 * it was re-created in V1's shape (their column, indexes and trigger went with the old table),
 * while V3's and V6's tables, which the other tool did not touch, stay as they are. A migration
 * whose objects are half there cannot be run again safely, and something no migration makes cannot
 * be undone by running one: both are refused before anything changes, and whatever is left
 * different after the re-runs rolls the transaction back.
 */
final class Heal {

    /** How much of what a migration makes the database holds. */
    enum Footprint {
        /** All of it. */
        PRESENT,
        /** None of it: the migration can run again. */
        ABSENT,
        /** Some of it. */
        PARTIAL
    }

    /**
     * What a heal does: the drift it answers and the migrations it runs again, oldest first.
     *
     * @param drift the differences found
     * @param rerun the recorded migrations whose objects are all gone
     */
    record Plan(SchemaDrift drift, List<ShippedMigration> rerun) {

        Plan {
            rerun = List.copyOf(rerun);
        }

        List<String> versions() {
            return rerun.stream().map(ShippedMigration::version).toList();
        }
    }

    private Heal() {
    }

    /**
     * Plans the heal of {@code drift}.
     *
     * @throws MigrationRefusedException (reason {@code UNHEALABLE_DRIFT}) when a migration's objects
     *     are half there, or no migration is missing and the tables still differ
     */
    static Plan plan(Path database, ExistingSchema existing, SchemaDrift drift) {
        List<ShippedMigration> rerun = new ArrayList<>();
        List<String> partial = new ArrayList<>();
        for (ShippedMigration migration : ShippedMigrations.all()) {
            if (SchemaVersion.newer(migration.version(), drift.recorded())) {
                break;
            }
            switch (footprint(migration.version(), existing)) {
                case ABSENT -> rerun.add(migration);
                case PARTIAL -> partial.add("V" + migration.version() + " (" + migration.description()
                        + ") is only partly there");
                default -> {
                    // Still there: nothing to run.
                }
            }
        }
        if (!partial.isEmpty()) {
            throw Refusals.unhealable(database, drift, partial);
        }
        if (rerun.isEmpty()) {
            throw Refusals.unhealable(database, drift, drift.differences());
        }
        return new Plan(drift, rerun);
    }

    /** What of {@code version}'s objects {@code existing} holds. */
    static Footprint footprint(String version, ExistingSchema existing) {
        switch (version) {
            case "1":
                return of(existing.connectionsTable().isPresent());
            case "2":
                return of(hasColumn(existing, "version"),
                        hasIndex(existing, "ux_mcp_connections_namespace_server_name"));
            case "3":
                return of(existing.sessionLeasesTable().isPresent());
            case "4":
                return of(existing.versionTrigger().isPresent());
            case "5":
                return of(hasIndex(existing, ExpectedSchema.PAGE_INDEX), hasIndex(existing, ExpectedSchema.AGENT_PAGE_INDEX));
            case "6":
                return of(existing.eventsTable().isPresent());
            default:
                return Footprint.PRESENT;
        }
    }

    /**
     * Runs the plan on {@code connection}, inside the caller's write transaction: each migration's
     * script again, its history row marked as run again ({@link FlywayHistory#HEALED_BY}), then the
     * tables compared with the recorded version once more.
     *
     * @throws MigrationRefusedException (reason {@code UNHEALABLE_DRIFT}) if they still differ; the
     *     caller's transaction then rolls back everything this did
     */
    static void run(Connection connection, Path database, Plan plan, TransactionProgress progress)
            throws SQLException {
        for (ShippedMigration migration : plan.rerun()) {
            progress.step("re-applying V" + migration.version() + " " + migration.description());
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                // One call runs the whole script (sqlite3_exec), as Flyway's own run of it did.
                statement.executeUpdate(upScript(migration));
            }
            markRerun(connection, migration.version(), (System.nanoTime() - started) / 1_000_000);
            progress.ran();
        }
        List<String> remaining = Drifts.differences(ExistingSchema.read(connection), plan.drift().recorded());
        if (!remaining.isEmpty()) {
            throw Refusals.unhealable(database, plan.drift(), remaining);
        }
    }

    private static void markRerun(Connection connection, String version, long millis) throws SQLException {
        // The same time format Flyway writes installed_on in on SQLite.
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + ExistingSchema.HISTORY_TABLE
                + " SET installed_by = ?, installed_on = strftime('%Y-%m-%d %H:%M:%f', 'now'), execution_time = ?"
                + " WHERE version = ? AND success = 1")) {
            update.setString(1, FlywayHistory.HEALED_BY);
            update.setLong(2, millis);
            update.setString(3, version);
            update.executeUpdate();
        }
    }

    private static String upScript(ShippedMigration migration) {
        String location = SchemaMigrator.MIGRATIONS_LOCATION.substring("classpath:".length()) + "/"
                + migration.script();
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("the shipped migration " + location + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migration " + location, e);
        }
    }

    private static boolean hasColumn(ExistingSchema existing, String column) {
        return existing.connectionsTable().map(t -> t.columns().stream().anyMatch(c -> c.name().equals(column)))
                .orElse(false);
    }

    private static boolean hasIndex(ExistingSchema existing, String index) {
        return existing.connectionsTable().map(t -> t.indexes().stream().anyMatch(i -> i.name().equals(index)))
                .orElse(false);
    }

    private static Footprint of(boolean... parts) {
        int present = 0;
        for (boolean part : parts) {
            present += part ? 1 : 0;
        }
        return present == parts.length ? Footprint.PRESENT : present == 0 ? Footprint.ABSENT : Footprint.PARTIAL;
    }
}
