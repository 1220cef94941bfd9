package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's {@code alembic current}, {@code history} and {@code heads}. */
class HistoryTest {

    @TempDir
    Path directory;

    @Test
    void currentAndHistoryFollowTheMigrations() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            assertThat(SchemaMigrator.shipped()).extracting(ShippedMigration::version).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(SchemaMigrator.head()).isEqualTo("6");
            assertThat(migrator.current()).isEqualTo(new SchemaStatus(database.file().toString(), true, Optional.empty(), "6",
                    List.of("1", "2", "3", "4", "5", "6"), Optional.empty()));
            assertThat(migrator.history()).extracting(HistoryEntry::state).containsExactly(
                    HistoryEntry.State.PENDING, HistoryEntry.State.PENDING, HistoryEntry.State.PENDING,
                    HistoryEntry.State.PENDING, HistoryEntry.State.PENDING, HistoryEntry.State.PENDING);

            migrator.migrateTo("1");

            SchemaStatus status = migrator.current();
            assertThat(status.current()).contains("1");
            assertThat(status.pending()).containsExactly("2", "3", "4", "5", "6");
            assertThat(status.atHead()).isFalse();
            List<HistoryEntry> history = migrator.history();
            assertThat(history.get(0).state()).isEqualTo(HistoryEntry.State.APPLIED);
            assertThat(history.get(0).appliedAt()).isPresent();
            assertThat(history.get(0).checksum()).isEqualTo(HistoryEntry.Checksum.MATCHES);
            assertThat(history.get(1).description()).isEqualTo("add version and unique server name");
            assertThat(history.get(2).description()).isEqualTo("add session leases");

            LegacyDatabases.execute(file, "UPDATE flyway_schema_history SET checksum = 7 WHERE version = '1'");
            assertThat(migrator.history().get(0).checksum()).isEqualTo(HistoryEntry.Checksum.MISMATCH);
        }
    }
}
