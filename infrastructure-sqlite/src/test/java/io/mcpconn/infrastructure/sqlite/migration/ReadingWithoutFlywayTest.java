package io.mcpconn.infrastructure.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * Reading commands and a start-up at head read the shipped migrations and Flyway's history without
 * starting Flyway; these tests keep what they read equal to what Flyway reads.
 */
class ReadingWithoutFlywayTest extends OnTemporaryDatabase {

    @Test
    void theShippedMigrationsAndTheirChecksumsAreTheOnesFlywayFinds() {
        SQLiteDataSource empty = new SQLiteDataSource();
        empty.setUrl("jdbc:sqlite::memory:");
        MigrationInfo[] flyway = Flyways.configure(empty).load().info().all();

        assertThat(ShippedMigrations.all()).containsExactlyElementsOf(Arrays.stream(flyway)
                .map(info -> new ShippedMigration(info.getVersion().getVersion(), info.getDescription(), info.getScript()))
                .toList());
        assertThat(flyway).allSatisfy(info -> assertThat(ShippedMigrations.checksum(info.getVersion().getVersion()))
                .as("checksum of %s", info.getScript()).contains(info.getChecksum()));
        assertThat(ShippedMigrations.checksum("7")).isEmpty();
    }

    @Test
    void aChecksumIgnoresLineBreaksAndAByteOrderMarkAsFlywaysDoes() throws Exception {
        int plain = checksum("CREATE TABLE t (x);\nSELECT 1;\n");

        assertThat(checksum("CREATE TABLE t (x);\r\nSELECT 1;\r\n")).isEqualTo(plain);
        assertThat(checksum("\uFEFFCREATE TABLE t (x);\nSELECT 1;\n")).isEqualTo(plain);
        assertThat(checksum("CREATE TABLE t (x);\nSELECT 2;\n")).isNotEqualTo(plain);
        assertThat(checksum("")).isZero();
    }

    @Test
    void theStatusReadWithoutFlywayIsFlywaysAtEveryVersion() throws Exception {
        assertSameAsFlyway();
        for (String version : SchemaMigrator.shipped().stream().map(ShippedMigration::version).toList()) {
            migrator.migrateTo(version);
            assertSameAsFlyway();
        }
        // A newer build's version, and a drift: both read the same way too.
        LegacyDatabases.execute(file, "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '99',"
                + " 'future', 'SQL', 'V99__future.sql', 1, 'mcpconn', 0, 1 FROM flyway_schema_history");
        assertSameAsFlyway();
        assertThat(migrator.current().unknown()).containsExactly("99");
        LegacyDatabases.execute(file, "DELETE FROM flyway_schema_history WHERE version = '99'",
                "DROP INDEX ix_mcp_connections_namespace_created");
        assertSameAsFlyway();
        assertThat(migrator.current().drift()).isPresent();
    }

    @Test
    void theStatusOfAdoptedAndBaselinedDatabasesIsFlyways() throws Exception {
        LegacyDatabases.pythonService(file);
        assertSameAsFlyway();
        migrator.upgrade(new UpgradeRequest(Optional.of("1"), false), MigrationProgress.silent());
        assertThat(Snapshot.read(database).history().orElseThrow().rows()).extracting(RecordedHistory.Row::type)
                .contains("BASELINE");
        assertSameAsFlyway();
        migrator.migrate();
        assertSameAsFlyway();
    }

    @Test
    void aHistoryWithAFailedRowIsLeftToFlyway() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "UPDATE flyway_schema_history SET success = 0 WHERE version = '6'");

        assertThat(Snapshot.read(database).history().orElseThrow().plain()).isFalse();
        assertThat(migrator.current()).isEqualTo(byFlyway());
    }

    @Test
    void aStartAtHeadChangesNothingAndStillRefusesWhatFlywayRefuses() throws Exception {
        migrator.migrate();
        String before = LegacyDatabases.schemaText(file);

        assertThat(migrator.migrate().applied()).isEmpty();
        assertThat(migrator.migrate().currentVersion()).contains(SchemaMigrator.head());
        assertThat(LegacyDatabases.schemaText(file)).isEqualTo(before);

        LegacyDatabases.execute(file, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2'");
        assertThat(Snapshot.read(database).atHeadAsShipped(SchemaMigrator.head())).isFalse();
        assertThatThrownBy(migrator::migrate).isInstanceOfSatisfying(MigrationRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.HISTORY_MISMATCH));
        migrator.repair();

        LegacyDatabases.execute(file, "DROP TABLE mcp_session_leases");
        assertThat(Snapshot.read(database).atHeadAsShipped(SchemaMigrator.head())).isFalse();
        assertThatThrownBy(migrator::migrate).isInstanceOfSatisfying(MigrationRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.SCHEMA_DRIFT));
    }

    private void assertSameAsFlyway() {
        assertThat(migrator.current()).isEqualTo(byFlyway());
    }

    private SchemaStatus byFlyway() {
        var context = new MigrationContext(database, java.time.Clock.systemUTC(), SqliteCapabilities::probe,
                Downgrade::classpathDownScript);
        return new History(context).currentByFlyway(Snapshot.read(database).existing());
    }

    private static int checksum(String text) throws Exception {
        return ShippedMigrations.checksumOf(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

}
