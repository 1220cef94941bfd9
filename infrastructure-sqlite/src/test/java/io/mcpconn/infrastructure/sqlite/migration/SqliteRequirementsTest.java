package io.mcpconn.infrastructure.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's troubleshooting 3: an SQLite without JSON is refused up front. The bundled SQLite has
 * JSON, so the check is fed the answers an older library would give.
 */
class SqliteRequirementsTest {

    @TempDir
    Path directory;

    @Test
    void versionsAreReadAndOrdered() {
        assertThat(SqliteVersion.parse("3.8.11.1")).isEqualTo(new SqliteVersion(3, 8, 11));
        assertThat(SqliteVersion.parse("3.9")).hasToString("3.9.0");
        assertThat(SqliteVersion.parse("3.10.2").isAtLeast(SqliteRequirements.JSON_MINIMUM)).isTrue();
        assertThat(SqliteVersion.parse("3.8.11").isAtLeast(SqliteRequirements.JSON_MINIMUM)).isFalse();
        assertThatThrownBy(() -> SqliteVersion.parse("three")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLibraryOlderThan39HasNoJson() {
        assertThat(SqliteRequirements.jsonProblem(new SqliteCapabilities(SqliteVersion.parse("3.8.11"), false)))
                .contains("SQLite 3.8.11 has no JSON support; mcpconn needs SQLite 3.9.0 or newer");
    }

    @Test
    void aLibraryBuiltWithoutTheJsonFunctionsHasNoJsonEither() {
        assertThat(SqliteRequirements.jsonProblem(new SqliteCapabilities(SqliteVersion.parse("3.31.1"), false)))
                .contains("SQLite 3.31.1 was built without the JSON functions (json_valid('{}') failed); mcpconn"
                        + " needs SQLite 3.9.0 or newer with them");
        assertThat(SqliteRequirements.jsonProblem(new SqliteCapabilities(SqliteVersion.parse("3.9.0"), true))).isEmpty();
    }

    @Test
    void theBundledLibraryHasJson() {
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"))) {
            SqliteCapabilities capabilities = database.read(dsl -> dsl.connectionResult(SqliteCapabilities::probe));
            assertThat(capabilities.jsonFunctions()).isTrue();
            assertThat(SqliteRequirements.jsonProblem(capabilities)).isEmpty();
        }
    }

    @Test
    void anUpgradeOnALibraryWithoutJsonIsRefusedBeforeAnythingChanges() {
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"))) {
            SchemaMigrator migrator = new SchemaMigrator(database, Clock.systemDefaultZone(),
                    connection -> new SqliteCapabilities(SqliteVersion.parse("3.8.11"), false),
                    name -> Optional.empty());

            assertThatThrownBy(migrator::migrate)
                    .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.SQLITE_UNSUPPORTED);
                        assertThat(e.getMessage()).startsWith("Cannot migrate the SQLite database " + database.file()
                                + ": SQLite 3.8.11 has no JSON support; mcpconn needs SQLite 3.9.0 or newer. Fix: ");
                    });
            assertThat(Schema.tables(database)).isEmpty();
        }
    }
}
