package io.mcpconn.infrastructure.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written-out expectations verify checks against are what the shipped scripts really create. */
class ExpectedSchemaTest {

    @TempDir
    Path directory;

    @Test
    void everyShippedVersionHasItsExpectedShapeAndTheScriptsCreateExactlyIt() {
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"))) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            for (ShippedMigration migration : SchemaMigrator.shipped()) {
                migrator.migrateTo(migration.version());

                TableShape actual = database.read(dsl -> dsl.connectionResult(
                        c -> TableShape.read(c, ExpectedSchema.TABLE))).orElseThrow();
                assertThat(ExpectedSchema.at(migration.version()))
                        .as("expected shape of V%s", migration.version()).isPresent();
                assertThat(actual.differencesFrom(ExpectedSchema.at(migration.version()).orElseThrow()))
                        .as("V%s", migration.version()).isEmpty();

                // Empty expected means the version has no lease table, so the scripts must not make one.
                Optional<TableShape> leases = database.read(dsl -> dsl.connectionResult(
                        c -> TableShape.read(c, ExpectedSchema.SESSION_LEASES_TABLE)));
                Optional<TableShape> expectedLeases = ExpectedSchema.sessionLeasesAt(migration.version());
                assertThat(leases.isPresent()).as("V%s has %s", migration.version(),
                        ExpectedSchema.SESSION_LEASES_TABLE).isEqualTo(expectedLeases.isPresent());
                leases.ifPresent(shape -> assertThat(shape.differencesFrom(expectedLeases.orElseThrow()))
                        .as("%s at V%s", ExpectedSchema.SESSION_LEASES_TABLE, migration.version()).isEmpty());

                Optional<TableShape> events = database.read(dsl -> dsl.connectionResult(
                        c -> TableShape.read(c, ExpectedSchema.EVENTS_TABLE)));
                Optional<TableShape> expectedEvents = ExpectedSchema.eventsAt(migration.version());
                assertThat(events.isPresent()).as("V%s has %s", migration.version(), ExpectedSchema.EVENTS_TABLE)
                        .isEqualTo(expectedEvents.isPresent());
                events.ifPresent(shape -> assertThat(shape.differencesFrom(expectedEvents.orElseThrow()))
                        .as("%s at V%s", ExpectedSchema.EVENTS_TABLE, migration.version()).isEmpty());

                Optional<String> trigger = database.read(dsl -> dsl.connectionResult(
                        c -> SchemaVerifier.triggerSql(c, ExpectedSchema.VERSION_TRIGGER)));
                assertThat(trigger).as("%s at V%s", ExpectedSchema.VERSION_TRIGGER, migration.version())
                        .isEqualTo(ExpectedSchema.versionTriggerAt(migration.version()));
            }
        }
    }

    @Test
    void theLatestWrittenOutShapeIsTheShippedHead() {
        assertThat(ExpectedSchema.LATEST).isEqualTo(SchemaMigrator.head());
    }

    @Test
    void everyShippedMigrationHasADownScript() {
        assertThat(SchemaMigrator.shipped()).isNotEmpty().allSatisfy(migration -> assertThat(
                SchemaMigrator.class.getClassLoader().getResource("db/rollback/" + migration.downScript()))
                .as(migration.downScript()).isNotNull());
    }
}
