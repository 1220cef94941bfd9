package io.mcpconn.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.benchmarks.adapter.AdapterStore;
import io.mcpconn.benchmarks.dataset.Dataset;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.benchmarks.dataset.Datasets;
import io.mcpconn.benchmarks.floor.FloorPage;
import io.mcpconn.benchmarks.floor.FloorRow;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every benchmark body, once, on both sides and both databases, on a tiny data set (300 rows in 3
 * namespaces, so that pages are full): the floor and the adapter must read the same rows, each
 * must read what the other wrote, and the PostgreSQL copy must hold and order the SQLite file's
 * rows. A body that breaks, or a side or database that reads other rows than the other, fails here.
 */
class BenchmarkSmokeTest {

    private static final int ROWS = 300;
    private static final String ROW_COUNT = "SELECT count(*) FROM mcp_connections";

    @TempDir
    static Path directory;

    private static DatasetSpec spec;

    @BeforeAll
    static void tinyDataset() {
        TestDatabases.use(directory);
        spec = Datasets.spec(ROWS);
    }

    @AfterAll
    static void forgetDataset() {
        TestDatabases.forget();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void floorAndAdapterReadTheSameRows(String db) {
        Dataset dataset = Dataset.ensure(db, spec);
        try (Operations<?, ?> floor = Operations.forReads("floor", dataset, spec);
                Operations<?, ?> adapter = Operations.forReads("adapter", dataset, spec)) {
            for (int k = 0; k < 3; k++) {
                Summary fromFloor = Summary.of(floor.getById());
                assertThat(Summary.of(adapter.getById())).isEqualTo(fromFloor);
                assertThat(fromFloor.tools()).isEqualTo(5);

                List<String> firstPage = Summary.ids(floor.firstPageNamespace());
                assertThat(firstPage).hasSize(Operations.PAGE_SIZE);
                assertThat(Summary.ids(adapter.firstPageNamespace())).isEqualTo(firstPage);

                List<String> agentPage = Summary.ids(floor.firstPageAgent());
                assertThat(agentPage).hasSize(ROWS / 3 / DatasetSpec.AGENTS_PER_NAMESPACE);
                assertThat(Summary.ids(adapter.firstPageAgent())).isEqualTo(agentPage);

                // 100 rows a namespace: the deep page is the last 50, the agent's the last 9 of 10.
                List<String> deepPage = Summary.ids(floor.deepPageNamespace());
                assertThat(deepPage).hasSize(Operations.PAGE_SIZE);
                assertThat(Summary.ids(adapter.deepPageNamespace())).isEqualTo(deepPage);

                List<String> deepAgentPage = Summary.ids(floor.deepPageAgent());
                assertThat(deepAgentPage).hasSize(ROWS / 3 / DatasetSpec.AGENTS_PER_NAMESPACE - 1);
                assertThat(Summary.ids(adapter.deepPageAgent())).isEqualTo(deepAgentPage);
            }
        }
    }

    @Test
    void postgresqlHoldsTheSqliteRowsInTheSameOrder() throws SQLException {
        Dataset sqlite = Dataset.ensure("sqlite", spec);
        Dataset postgresql = Dataset.ensure("postgresql", spec);
        assertThat(TestDatabases.count(postgresql, ROW_COUNT, ROW_COUNT)).isEqualTo(ROWS);
        try (Operations<?, ?> fromSqlite = Operations.forReads("floor", sqlite, spec);
                Operations<?, ?> fromPostgresql = Operations.forReads("floor", postgresql, spec)) {
            for (int k = 0; k < 3; k++) {
                assertThat(Summary.of(fromPostgresql.getById())).isEqualTo(Summary.of(fromSqlite.getById()));
                assertThat(Summary.ids(fromPostgresql.firstPageNamespace()))
                        .isEqualTo(Summary.ids(fromSqlite.firstPageNamespace()));
                assertThat(Summary.ids(fromPostgresql.deepPageAgent())).isEqualTo(Summary.ids(fromSqlite.deepPageAgent()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aDeepPageHoldsTheEndOfItsListNotItsStart(String db) {
        try (Operations<?, ?> floor = Operations.forReads("floor", Dataset.ensure(db, spec), spec)) {
            Targets.Deep target = floor.targets().deepNamespaces().get(0);
            assertThat(target.namespace()).isEqualTo(floor.targets().namespaces().get(0));
            assertThat(Summary.ids(floor.deepPageNamespace())).doesNotContainAnyElementsOf(
                    Summary.ids(floor.firstPageNamespace()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void bothSidesOrderOtherWritersTimestampsByTime(String db) {
        Dataset copy = Dataset.ensure(db, spec).copyForWrites();
        try (ConnectionStore<FloorRow, FloorPage> floor = copy.floor(Operations.PAGE_SIZE);
                AdapterStore adapter = copy.adapter(Operations.PAGE_SIZE)) {
            FloorRow template = floor.findById(spec.namespace(0), spec.id(0));
            // As text, the ISO row sorts first ('T' after ' ') and 13:30:01 before 13:30:00.25; in time it is the reverse.
            List<String> newestFirst = List.of("2025-11-12 13:30:01", "2025-11-12 13:30:00.250000",
                    "2025-11-12T13:29:59.000000");
            List<String> ids = new ArrayList<>();
            for (String createdAt : newestFirst) {
                FloorRow row = floor.newConnection(template, "sort-" + ids.size(), "sort-" + ids.size(), "tenant-sort",
                        "agent-0", Instant.now());
                floor.insert(new FloorRow(row.id(), row.serverName(), row.namespace(), row.agentId(), row.status(),
                        row.config(), row.tools(), null, null, createdAt, null, null, null, 1));
                ids.add(row.id());
            }
            assertThat(Summary.ids(floor.page("tenant-sort", floor.firstPage()))).isEqualTo(ids);
            assertThat(Summary.ids(adapter.page("tenant-sort", adapter.firstPage()))).isEqualTo(ids);
        } finally {
            copy.delete();
        }
    }

    @ParameterizedTest
    @CsvSource({"floor, sqlite", "adapter, sqlite", "floor, postgresql", "adapter, postgresql"})
    void whatOneSideWritesTheOtherReads(String impl, String db) throws SQLException {
        Dataset copy = Dataset.ensure(db, spec).copyForWrites();
        try (Operations<?, ?> writer = Operations.forWrites(impl, copy, spec, 2);
                ConnectionStore<?, ?> other = copy.open(impl.equals("floor") ? "adapter" : "floor", Operations.PAGE_SIZE)) {
            Function<Summary, Summary> readBack = written -> Summary.of(other.findById(written.namespace(), written.id()));

            Summary inserted = Summary.of(writer.saveNew());
            assertThat(readBack.apply(inserted)).isEqualTo(inserted);
            assertThat(inserted.tools()).isEqualTo(5);

            Summary updated = Summary.of(writer.update());
            assertThat(updated.version()).isEqualTo(2);
            assertThat(readBack.apply(updated)).isEqualTo(updated);

            writer.prepareBatch();
            List<?> batch = writer.saveBatch();
            assertThat(batch).hasSize(Operations.BATCH_SIZE);
            Summary last = Summary.of(batch.get(batch.size() - 1));
            assertThat(readBack.apply(last)).isEqualTo(last);
            assertThat(TestDatabases.count(copy, ROW_COUNT, ROW_COUNT)).isEqualTo(ROWS + 1 + Operations.BATCH_SIZE);
            // The copy took the writes; the data set itself is as it was (asked before the copy is deleted,
            // which would take a data set written to in its place with it).
            assertThat(TestDatabases.count(Dataset.ensure(db, spec), ROW_COUNT, ROW_COUNT)).isEqualTo(ROWS);
        } finally {
            copy.delete();
        }
    }

    @ParameterizedTest
    @CsvSource({"floor, with, sqlite", "adapter, with, sqlite", "floor, without, sqlite", "adapter, without, sqlite",
        "floor, with, postgresql", "adapter, with, postgresql", "floor, without, postgresql",
        "adapter, without, postgresql"})
    void everyJmhBodyRunsOnce(String impl, String pagingIndexes, String db) throws SQLException {
        ReadBenchmarks reads = new ReadBenchmarks();
        reads.impl = impl;
        reads.db = db;
        reads.rows = ROWS;
        reads.open();
        try {
            assertThat(reads.getById()).isNotNull();
            assertThat(reads.firstPageNamespace()).isNotEmpty();
            assertThat(reads.firstPageAgent()).isNotEmpty();
            assertThat(reads.deepPageNamespace()).isNotEmpty();
            assertThat(reads.deepPageAgent()).isNotEmpty();
        } finally {
            reads.close();
        }
        WriteBenchmarks writes = new WriteBenchmarks();
        writes.impl = impl;
        writes.db = db;
        writes.rows = ROWS;
        writes.pagingIndexes = pagingIndexes;
        writes.open();
        try {
            assertThat(pagingIndexes(writes.copy)).isEqualTo(pagingIndexes.equals("with") ? 2 : 0);
            assertThat(writes.saveNew()).isNotNull();
            assertThat(writes.update()).isNotNull();
            WriteBenchmarks.PreparedBatch batch = new WriteBenchmarks.PreparedBatch();
            batch.prepare(writes);
            assertThat(writes.saveBatch1000(batch)).hasSize(Operations.BATCH_SIZE);
        } finally {
            writes.close();
        }
    }

    private static long pagingIndexes(Dataset copy) throws SQLException {
        return TestDatabases.count(copy, "SELECT count(*) FROM sqlite_master"
                + " WHERE type = 'index' AND name LIKE '%\\_created' ESCAPE '\\'",
                "SELECT count(*) FROM pg_indexes WHERE tablename = 'mcp_connections' AND indexname LIKE '%\\_created'");
    }
}
