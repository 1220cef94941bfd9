package io.mcpconn.benchmarks.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.benchmarks.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A second of the concurrency run, in one process and in two, on each database, on a tiny data set: no errors. */
class ConcurrencyRunTest {

    @TempDir
    static Path directory;

    @BeforeAll
    static void tinyDataset() {
        TestDatabases.use(directory);
    }

    @AfterAll
    static void forgetDataset() {
        TestDatabases.forget();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void oneWriterAndOneReaderMeetNoErrors(String db) {
        List<ScenarioResult> results = ConcurrencyRun.run(
                new ConcurrencyOptions(300, 1, 0, 1, 1, "one-process", List.of(db), Optional.empty()));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.db()).isEqualTo(db);
            assertThat(result.failed()).isFalse();
            assertThat(result.messages()).isEmpty();
            assertThat(result.kinds()).extracting(ScenarioResult.KindFigures::kind)
                    .containsExactly("update", "insert", "get", "page");
            assertThat(result.kinds()).allSatisfy(kind -> {
                assertThat(kind.operations()).isPositive();
                assertThat(kind.p99Micros()).isGreaterThanOrEqualTo(kind.p50Micros()).isPositive();
            });
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoProcessesOnOneDatabaseMeetNoErrorsAndMergeTheirFigures(String db) {
        List<ScenarioResult> results = ConcurrencyRun.run(
                new ConcurrencyOptions(300, 1, 0, 2, 2, "two-processes", List.of(db), Optional.empty()));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.db()).isEqualTo(db);
            assertThat(result.processes()).isEqualTo(2);
            assertThat(result.writersPerProcess()).isEqualTo(1);
            assertThat(result.failed()).isFalse();
            assertThat(result.kinds()).allSatisfy(kind -> assertThat(kind.operations()).isPositive());
        });
    }

    @Test
    void bothRunsEachDatabaseInTurn() {
        assertThat(ConcurrencyOptions.parse(new String[] {"--db", "both"}).dbs()).containsExactly("sqlite", "postgresql");
        assertThat(ConcurrencyOptions.parse(new String[0]).dbs()).containsExactly("sqlite");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(ScenarioResult.percentile(sorted, 0.50)).isEqualTo(5);
        assertThat(ScenarioResult.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(ScenarioResult.percentile(new long[0], 0.99)).isZero();
    }
}
