package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.VerificationReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Check;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Status;
import org.junit.jupiter.api.Test;

/** The seed's "Verification" section as one report. */
class VerifyTest extends OnTemporaryDatabase {

    @Test
    void atHeadEveryCheckPassesWithTheSeedsPlans() {
        migrator.migrate();

        VerificationReport report = migrator.verify();

        assertThat(report.passed()).isTrue();
        assertThat(report.version()).contains(SchemaMigrator.head());
        assertThat(report.checks()).extracting(Check::name, Check::status).containsExactly(
                tuple("sqlite", Status.PASSED), tuple("integrity", Status.PASSED), tuple("history", Status.PASSED),
                tuple("drift", Status.PASSED), tuple("table", Status.PASSED), tuple("columns", Status.PASSED), tuple("indexes", Status.PASSED),
                tuple("namespace query", Status.PASSED), tuple("namespace+agent query", Status.PASSED),
                tuple("page queries", Status.PASSED), tuple("session leases", Status.PASSED),
                tuple("version trigger", Status.PASSED));
        assertThat(detail(report, "namespace query"))
                .isEqualTo("SEARCH mcp_connections USING INDEX ix_mcp_connections_namespace (namespace=?)");
        assertThat(detail(report, "namespace+agent query")).isEqualTo(
                "SEARCH mcp_connections USING INDEX ix_mcp_connections_namespace_agent (namespace=? AND agent_id=?)");
        assertThat(detail(report, "history")).isEqualTo("Flyway validated 6 applied migration(s): checksums match");
        assertThat(detail(report, "columns")).isEqualTo("14 columns as V6 defines them");
        assertThat(detail(report, "session leases"))
                .isEqualTo("mcp_session_leases with 5 columns and 2 indexes as V6 defines them");
        assertThat(detail(report, "version trigger")).isEqualTo("tr_mcp_connections_version_bump bumps version on every"
                + " update that leaves it, as V6 defines it");
        assertThat(detail(report, "page queries")).isEqualTo("namespace page: SEARCH mcp_connections USING INDEX"
                + " ix_mcp_connections_namespace_created (namespace=?); owner page: SEARCH mcp_connections USING INDEX"
                + " ix_mcp_connections_namespace_agent_created (namespace=? AND agent_id=?),"
                + " in page order as V6 defines them");
        assertThat(detail(report, "sqlite")).matches("SQLite 3\\.\\d+\\.\\d+ with JSON functions \\(needs 3\\.9\\.0 or newer\\)");
    }

    /** On V1 alone SQLite plans the namespace query on the composite index: accepted, and said. */
    @Test
    void atV1TheNamespaceQueryMayUseTheCompositeIndexAndTheReportSaysWhich() {
        migrator.migrateTo("1");

        VerificationReport report = migrator.verify();

        assertThat(report.passed()).isTrue();
        assertThat(detail(report, "namespace query")).isEqualTo("SEARCH mcp_connections USING INDEX"
                + " ix_mcp_connections_namespace_agent (namespace=?) (SQLite chose ix_mcp_connections_namespace_agent,"
                + " which also leads with namespace; from V2 on it chooses ix_mcp_connections_namespace)");
    }

    /** Before V3 there is no lease table to check, and the report does not pretend to check one. */
    @Test
    void atV2TheReportHasNoSessionLeaseCheck() {
        migrator.migrateTo("2");

        VerificationReport report = migrator.verify();

        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(Check::name).doesNotContain("session leases")
                .endsWith("namespace+agent query");
    }

    @Test
    void fromV3OnAMissingSessionLeaseTableFailsItsCheckWithTheWayBack() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP TABLE mcp_session_leases");

        VerificationReport report = migrator.verify();

        assertThat(report.failures()).extracting(Check::name, Check::status)
                .containsExactly(tuple("drift", Status.FAILED), tuple("session leases", Status.FAILED));
        assertThat(detail(report, "session leases")).isEqualTo("mcp_session_leases does not exist although version 6"
                + " is recorded; restore a backup (<db>.backup-*), or run V3 again: mcpconn db stamp 2, then mcpconn"
                + " db upgrade");
    }

    @Test
    void fromV4OnAMissingOrAlteredVersionTriggerFailsItsCheck() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP TRIGGER tr_mcp_connections_version_bump");

        VerificationReport missing = migrator.verify();
        assertThat(missing.failures()).extracting(Check::name, Check::status)
                .containsExactly(tuple("drift", Status.FAILED), tuple("version trigger", Status.FAILED));
        assertThat(detail(missing, "version trigger")).isEqualTo("tr_mcp_connections_version_bump does not exist"
                + " although version 6 is recorded, so writers that do not know the version column can lose updates;"
                + " restore a backup (<db>.backup-*), or run V4 again: stamp version 3, then upgrade");

        LegacyDatabases.execute(file, "CREATE TRIGGER tr_mcp_connections_version_bump AFTER UPDATE ON mcp_connections"
                + " BEGIN SELECT 1; END");
        VerificationReport altered = migrator.verify();
        assertThat(detail(altered, "version trigger")).startsWith("tr_mcp_connections_version_bump is not the one V6"
                + " creates: found \"CREATE TRIGGER tr_mcp_connections_version_bump AFTER UPDATE ON mcp_connections"
                + " BEGIN SELECT 1; END\"");
        assertThat(altered.passed()).isFalse();
    }

    /**
     * An index over another expression than the repository's sort key is as good as none: each
     * page would sort the namespace again.
     */
    @Test
    void fromV5APagingIndexThatIsMissingOrOverAnotherExpressionFailsThePageCheck() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP INDEX ix_mcp_connections_namespace_created");

        VerificationReport missing = migrator.verify();
        assertThat(missing.failures()).extracting(Check::name).containsExactly("drift", "indexes", "page queries");
        assertThat(detail(missing, "page queries")).startsWith("namespace page: ")
                .contains("(expected a SEARCH using ix_mcp_connections_namespace_created and no sort)")
                .doesNotContain("owner page")
                .endsWith("every page then sorts the whole namespace: restore a backup (<db>.backup-*), or run V5 again:"
                        + " stamp version 4, then upgrade");

        LegacyDatabases.execute(file, "CREATE INDEX ix_mcp_connections_namespace_created ON mcp_connections"
                + " (namespace, substr(created_at, 1, 40), id)");
        assertThat(migrator.verify().failures()).extracting(Check::name).containsExactly("page queries");

        LegacyDatabases.execute(file, "DROP INDEX ix_mcp_connections_namespace_created");
        migrator.stamp("4");
        migrator.migrate();
        assertThat(migrator.verify().passed()).isTrue();
    }

    @Test
    void anAlteredSessionLeaseTableFailsItsCheckWithEveryDifference() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP TABLE mcp_session_leases",
                "CREATE TABLE mcp_session_leases (connection_id VARCHAR(36) NOT NULL PRIMARY KEY,"
                        + " namespace VARCHAR(255) NOT NULL, holder VARCHAR(64), acquired_at DATETIME NOT NULL,"
                        + " expires_at DATETIME NOT NULL, renewed_at DATETIME)",
                "CREATE INDEX ix_mcp_session_leases_holder ON mcp_session_leases (holder, expires_at)");

        VerificationReport report = migrator.verify();

        assertThat(report.failures()).extracting(Check::name).containsExactly("drift", "session leases");
        assertThat(detail(report, "session leases")).isEqualTo("column holder VARCHAR(64) should be holder"
                + " VARCHAR(128) NOT NULL; unexpected column renewed_at DATETIME; index ix_mcp_session_leases_holder"
                + " (holder, expires_at) should be ix_mcp_session_leases_holder (holder)");
    }

    @Test
    void withoutAnyMigrationTheTableIsMissingAndTheRestIsSkipped() {
        VerificationReport report = migrator.verify();

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(Check::name, Check::status).containsExactly(
                tuple("history", Status.FAILED), tuple("table", Status.FAILED), tuple("columns", Status.SKIPPED),
                tuple("indexes", Status.SKIPPED), tuple("namespace query", Status.SKIPPED),
                tuple("namespace+agent query", Status.SKIPPED));
        assertThat(detail(report, "table")).isEqualTo("mcp_connections does not exist (no migration applied); run"
                + " mcpconn db upgrade");
    }

    @Test
    void anEditedMigrationFailsTheHistoryCheck() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "UPDATE flyway_schema_history SET checksum = 1 WHERE version = '2'");

        VerificationReport report = migrator.verify();

        assertThat(report.failures()).extracting(Check::name).containsExactly("history");
        assertThat(detail(report, "history")).isEqualTo("V2 was edited after it ran (checksum mismatch); restore it,"
                + " or run mcpconn db repair if the edit is intended");
    }

    @Test
    void aDroppedIndexFailsTheIndexAndPlanChecks() throws Exception {
        migrator.migrate();
        LegacyDatabases.execute(file, "DROP INDEX ix_mcp_connections_namespace_agent");

        VerificationReport report = migrator.verify();

        assertThat(report.failures()).extracting(Check::name).containsExactly("drift", "indexes", "namespace+agent query");
        assertThat(detail(report, "indexes"))
                .isEqualTo("missing index ix_mcp_connections_namespace_agent (namespace, agent_id)");
        assertThat(detail(report, "namespace+agent query")).endsWith(
                "(expected a SEARCH using ix_mcp_connections_namespace_agent)");
    }

    @Test
    void aTableWithoutAnyNamespaceIndexFailsTheNamespacePlan() throws Exception {
        migrator.migrateTo("1");
        LegacyDatabases.execute(file, "DROP INDEX ix_mcp_connections_namespace",
                "DROP INDEX ix_mcp_connections_namespace_agent");

        VerificationReport report = migrator.verify();

        assertThat(detail(report, "namespace query")).isEqualTo("SCAN mcp_connections (expected a SEARCH using"
                + " ix_mcp_connections_namespace)");
    }

    @Test
    void aStaleReadConnectionStillSeesTheNewIndexes() {
        migrator.migrateTo("1");
        assertThat(migrator.verify().passed()).isTrue();

        migrator.migrate();

        assertThat(detail(migrator.verify(), "namespace query"))
                .isEqualTo("SEARCH mcp_connections USING INDEX ix_mcp_connections_namespace (namespace=?)");
    }

    private static String detail(VerificationReport report, String name) {
        return report.checks().stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow().detail();
    }
}
