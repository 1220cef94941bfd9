package io.mcpconn.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.benchmarks.adapter.AdapterStore;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.benchmarks.dataset.Datasets;
import io.mcpconn.benchmarks.floor.FloorRow;
import io.mcpconn.benchmarks.floor.FloorStore;
import java.nio.file.Path;
import java.sql.DriverManager;
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
 * Every benchmark body, once, on both sides, on a tiny data set (300 rows in 3 namespaces, so that
 * pages are full): the floor and the adapter must read the same rows and each must read what the
 * other wrote. A body that breaks, or a side that reads other rows than the other, fails here.
 */
class BenchmarkSmokeTest {

    private static final int ROWS = 300;

    @TempDir
    static Path directory;

    private static DatasetSpec spec;
    private static Path dataset;

    @BeforeAll
    static void tinyDataset() {
        System.setProperty(Datasets.DIRECTORY_PROPERTY, directory.toString());
        System.setProperty(Datasets.NAMESPACES_PROPERTY, "3");
        spec = Datasets.spec(ROWS);
        dataset = Datasets.ensure(spec);
    }

    @AfterAll
    static void forgetDataset() {
        System.clearProperty(Datasets.DIRECTORY_PROPERTY);
        System.clearProperty(Datasets.NAMESPACES_PROPERTY);
    }

    @Test
    void floorAndAdapterReadTheSameRows() {
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
    void aDeepPageHoldsTheEndOfItsListNotItsStart() {
        try (Operations<?, ?> floor = Operations.forReads("floor", dataset, spec)) {
            Targets.Deep target = floor.targets().deepNamespaces().get(0);
            assertThat(target.namespace()).isEqualTo(floor.targets().namespaces().get(0));
            assertThat(Summary.ids(floor.deepPageNamespace())).doesNotContainAnyElementsOf(
                    Summary.ids(floor.firstPageNamespace()));
        }
    }

    @Test
    void bothSidesOrderOtherWritersTimestampsByTime() {
        Path copy = Datasets.copyForWrites(dataset);
        try (FloorStore floor = new FloorStore(copy, Operations.PAGE_SIZE);
                AdapterStore adapter = new AdapterStore(copy, Operations.PAGE_SIZE)) {
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
            Datasets.deleteDatabase(copy);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"floor", "adapter"})
    void whatOneSideWritesTheOtherReads(String impl) throws SQLException {
        Path copy = Datasets.copyForWrites(dataset);
        try (Operations<?, ?> writer = Operations.forWrites(impl, copy, spec, 2);
                ConnectionStore<?, ?> other = impl.equals("floor") ? new AdapterStore(copy, Operations.PAGE_SIZE)
                        : new FloorStore(copy, Operations.PAGE_SIZE)) {
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
            assertThat(rowCount(copy)).isEqualTo(ROWS + 1 + Operations.BATCH_SIZE);
        } finally {
            Datasets.deleteDatabase(copy);
        }
    }

    @ParameterizedTest
    @CsvSource({"floor, with", "adapter, with", "floor, without", "adapter, without"})
    void everyJmhBodyRunsOnce(String impl, String pagingIndexes) throws SQLException {
        ReadBenchmarks reads = new ReadBenchmarks();
        reads.impl = impl;
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

    private static long pagingIndexes(Path file) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var result = connection.createStatement().executeQuery("SELECT count(*) FROM sqlite_master"
                        + " WHERE type = 'index' AND name LIKE '%\\_created' ESCAPE '\\'")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long rowCount(Path file) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var result = connection.createStatement().executeQuery("SELECT count(*) FROM mcp_connections")) {
            result.next();
            return result.getLong(1);
        }
    }
}
