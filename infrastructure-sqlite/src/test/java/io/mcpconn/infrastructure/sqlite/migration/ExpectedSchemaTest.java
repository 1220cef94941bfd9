package io.mcpconn.infrastructure.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Path;
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
            }
        }
    }

    @Test
    void everyShippedMigrationHasADownScript() {
        assertThat(SchemaMigrator.shipped()).isNotEmpty().allSatisfy(migration -> assertThat(
                SchemaMigrator.class.getClassLoader().getResource("db/rollback/" + migration.downScript()))
                .as(migration.downScript()).isNotNull());
    }
}
