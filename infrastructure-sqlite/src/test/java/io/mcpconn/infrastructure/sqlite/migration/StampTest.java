package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.jdbc.migration.StampResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed's {@code alembic stamp}: troubleshooting 1 and 5. */
class StampTest extends OnTemporaryDatabase {

    @Test
    void stampingRecordsVersionsWithoutRunningThem() {
        StampResult result = migrator.stamp("1");

        assertThat(result).isEqualTo(new StampResult(Optional.empty(), Optional.of("1"), java.util.List.of("1"),
                java.util.List.of()));
        assertThat(migrator.current().current()).contains("1");
        assertThat(Schema.tables(database)).containsExactly("flyway_schema_history");

        StampResult head = migrator.stamp("head");
        assertThat(head.recorded()).containsExactly("2", "3", "4", "5", "6");
        assertThat(head.to()).contains(SchemaMigrator.head());
        assertThat(Schema.tables(database)).containsExactly("flyway_schema_history");
        assertThat(migrator.history()).extracting(HistoryEntry::checksum)
                .containsOnly(HistoryEntry.Checksum.MATCHES, HistoryEntry.Checksum.NONE);
    }

    @Test
    void stampingBackForgetsWithoutUndoing() {
        migrator.migrate();

        StampResult result = migrator.stamp("1");

        assertThat(result.forgotten()).containsExactly("6", "5", "4", "3", "2");
        assertThat(migrator.current().current()).contains("1");
        assertThat(Schema.columns(database, "mcp_connections")).extracting(Schema.Column::name).contains("version");
        assertThat(Schema.tables(database)).contains("mcp_session_leases");

        assertThat(migrator.stamp("base").forgotten()).containsExactly("1");
        assertThat(migrator.current().current()).isEmpty();
        assertThat(Schema.tables(database)).contains("mcp_connections");
    }

    @Test
    void stampingTheCurrentVersionChangesNothing() {
        migrator.migrate();

        String head = SchemaMigrator.head();
        assertThat(migrator.stamp(head)).isEqualTo(new StampResult(Optional.of(head), Optional.of(head),
                java.util.List.of(), java.util.List.of()));
    }

    @Test
    void anUnknownVersionIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> migrator.stamp("ff4b1a18d2f1"))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MigrationRefusedException.Reason.UNKNOWN_VERSION);
                    assertThat(e.getMessage()).contains("known versions: base (no migration), 1 (create mcp"
                            + " connections), 2 (add version and unique server name), 3 (add session leases), 4 (bump version on every update), 5 (index pages in time order), 6 (add connection events), head");
                });
        assertThat(Schema.tables(database)).isEmpty();
    }
}
