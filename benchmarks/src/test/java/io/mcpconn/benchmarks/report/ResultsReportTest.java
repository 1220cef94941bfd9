package io.mcpconn.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.benchmarks.TestDatabases;
import io.mcpconn.benchmarks.concurrency.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's tables from a tiny JMH JSON, as JMH writes it, with SQLite's and PostgreSQL's figures side by side. */
class ResultsReportTest {

    private static final String JMH_JSON = """
            [
              %s, %s, %s, %s,
              %s, %s, %s, %s,
              %s, %s
            ]
            """.formatted(
            run("ReadBenchmarks.getById", "floor", 10000, 10.0, 1.0, 20000),
            run("ReadBenchmarks.getById", "adapter", 10000, 30.0, 2.0, 100000),
            run("ReadBenchmarks.getById", "floor", 1000000, 20.0, 1.0, 20000),
            run("ReadBenchmarks.getById", "adapter", 1000000, 90.0, 3.0, 100000),
            run("ReadBenchmarks.firstPageNamespace", "floor", 10000, 50.0, 1.0, 1),
            run("ReadBenchmarks.firstPageNamespace", "adapter", 10000, 100.0, 1.0, 1),
            run("ReadBenchmarks.firstPageNamespace", "floor", 1000000, 250.0, 1.0, 1),
            run("ReadBenchmarks.firstPageNamespace", "adapter", 1000000, 400.0, 1.0, 1),
            run("WriteBenchmarks.saveBatch1000", "floor", 10000, 50000.0, 100.0, 1),
            run("WriteBenchmarks.saveBatch1000", "adapter", 10000, 200000.0, 100.0, 1));

    // The same file with PostgreSQL's runs added: getById at both sizes, and firstPageNamespace at 10,000 only.
    private static final String BOTH_JSON = JMH_JSON.substring(0, JMH_JSON.lastIndexOf(']')) + """
            , %s, %s, %s, %s, %s, %s
            ]
            """.formatted(
            run("ReadBenchmarks.getById", "floor", "postgresql", 10000, 40.0, 1.0, 30000),
            run("ReadBenchmarks.getById", "adapter", "postgresql", 10000, 60.0, 2.0, 90000),
            run("ReadBenchmarks.getById", "floor", "postgresql", 1000000, 50.0, 1.0, 30000),
            run("ReadBenchmarks.getById", "adapter", "postgresql", 1000000, 100.0, 2.0, 90000),
            run("ReadBenchmarks.firstPageNamespace", "floor", "postgresql", 10000, 80.0, 1.0, 1),
            run("ReadBenchmarks.firstPageNamespace", "adapter", "postgresql", 10000, 120.0, 1.0, 1));

    private static final PostgresSettings POSTGRES = new PostgresSettings("PostgreSQL 15.99 on test",
            Map.of("synchronous_commit", "off"));

    private static final Machine MACHINE = new Machine("Test CPU", 2, "1.0 GiB", "Test OS", "openjdk version \"17\"");

    @Test
    void tablesCompareTheSidesPerOperationAndSize(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("jmh.json"), JMH_JSON);

        String report = ResultsReport.render(JmhResult.read(file), List.of(), MACHINE, Optional.empty(), "quick",
                "abc1234", "benchmarks/run");

        assertThat(report).doesNotContain("PostgreSQL floor", "## PostgreSQL")
                .contains("Suite **quick**", "`abc1234`", "`benchmarks/run`", "Test CPU, 2 cores", "openjdk version")
                .contains("| getById | 10,000 | 10.0 ± 1.00 | 30.0 ± 2.00 | 3.00× |")
                .contains("| saveBatch1000 | 10,000 | 50,000 ± 100 (20,000 rows/s) | 200,000 ± 100 (5,000 rows/s) |"
                        + " 4.00× (throughput 0.25× of the floor's) |")
                .contains("| getById | 1 | 2.00× | 3.00× | 3.00× |")
                // 10 rows a page at 10,000 rows, 50 at 1,000,000: 4× the time for 5× the rows.
                .contains("| firstPageNamespace | 10 → 50 | 5.00× | 4.00× | 0.80× |")
                .contains("| getById | 10,000 | 20,000 | 100,000 | 5.00× |");
    }

    @Test
    void postgresqlColumnsStandBesideSqlites(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("jmh.json"), BOTH_JSON);

        String report = ResultsReport.render(JmhResult.read(file), List.of(), MACHINE, Optional.of(POSTGRES), "quick",
                "abc1234", "benchmarks/run");

        assertThat(report)
                .contains("| operation | rows | SQLite floor (µs/op) | SQLite adapter (µs/op) | SQLite adapter / floor |"
                        + " PostgreSQL floor (µs/op) | PostgreSQL adapter (µs/op) | PostgreSQL adapter / floor |\n"
                        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
                .contains("| getById | 10,000 | 10.0 ± 1.00 | 30.0 ± 2.00 | 3.00× | 40.0 ± 1.00 | 60.0 ± 2.00 | 1.50× |")
                // PostgreSQL has no batch figures: its columns are empty, SQLite's stay.
                .contains("| saveBatch1000 | 10,000 | 50,000 ± 100 (20,000 rows/s) | 200,000 ± 100 (5,000 rows/s) |"
                        + " 4.00× (throughput 0.25× of the floor's) | – | – | – |")
                // Scaling: floor 50/40, adapter 100/60; a first page's growth is SQLite's alone.
                .contains("| getById | 1 | 2.00× | 3.00× | 3.00× | 1.25× | 1.67× | 1.67× |")
                .contains("| firstPageNamespace | 10 → 50 | 5.00× | 4.00× | 0.80× | – | – | – |")
                .contains("| getById | 10,000 | 20,000 | 100,000 | 5.00× | 30,000 | 90,000 | 3.00× |")
                .contains("## PostgreSQL", "- Server: PostgreSQL 15.99 on test", "- `synchronous_commit` = `off`",
                        "READ COMMITTED", "SERIALIZABLE");
    }

    @Test
    void postgresqlFiguresWithoutItsSettingsSaySo(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("jmh.json"), BOTH_JSON);

        String report = ResultsReport.render(JmhResult.read(file), List.of(), MACHINE, Optional.empty(), "quick",
                "abc1234", "benchmarks/run");

        assertThat(report).contains("## PostgreSQL", "were not recorded");
    }

    @Test
    void concurrencyFiguresAndOutcomesAreListed() {
        var sqlite = new ScenarioResult("sqlite", "one-process", 1, 4, 4, 100000, 10,
                List.of(new ScenarioResult.KindFigures("get", 5000, 500.0, 120.5, 900.0)), 3, 0, 0, 0, List.of());
        var postgresql = new ScenarioResult("postgresql", "two-processes", 2, 2, 2, 100000, 10,
                List.of(new ScenarioResult.KindFigures("update", 2000, 200.0, 800.0, 4000.0)), 7, 0, 1, 0,
                List.of("boom"));

        String report = ResultsReport.render(List.of(), List.of(sqlite, postgresql), MACHINE, Optional.of(POSTGRES),
                "quick", "abc1234", "run");

        assertThat(report)
                .contains("| SQLite | 1 process × (4 writers + 4 readers), 100,000 rows, 10 s | get | 500 | 121 | 900 |")
                .contains("| SQLite | 1 process × (4 writers + 4 readers), 100,000 rows, 10 s | 3 | 0 | 0 | 0 |")
                .contains("| PostgreSQL | 2 processes × (2 writers + 2 readers), 100,000 rows, 10 s | update | 200 | 800 |"
                        + " 4,000 |")
                .contains("| PostgreSQL | 2 processes × (2 writers + 2 readers), 100,000 rows, 10 s | 7 | 0 | 1 | 0 |")
                .contains("> boom", "## PostgreSQL");
    }

    @Test
    void mainWritesTheFile(@TempDir Path directory) throws IOException {
        Path jmh = Files.writeString(directory.resolve("jmh.json"), JMH_JSON);
        Path out = directory.resolve("RESULTS.md");

        ResultsReport.main(new String[] {"--jmh", jmh.toString(), "--out", out.toString(), "--suite", "full"});

        assertThat(Files.readString(out)).contains("Suite **full**", "| getById | 1,000,000 | 20.0 ± 1.00 |");
    }

    @Test
    void mainAsksTheServerForItsVersionAndSettings(@TempDir Path directory) throws IOException {
        Path jmh = Files.writeString(directory.resolve("jmh.json"), BOTH_JSON);
        Path out = directory.resolve("RESULTS.md");
        TestDatabases.use(directory);
        try {
            ResultsReport.main(new String[] {"--jmh", jmh.toString(), "--out", out.toString()});
        } finally {
            TestDatabases.forget();
        }

        assertThat(Files.readString(out)).containsPattern("- Server: PostgreSQL 15\\.\\d+")
                .contains("- `synchronous_commit` = `", "- `shared_buffers` = `", "- `fsync` = `");
    }

    // Without a db parameter, as JMH wrote results before there was one: those are SQLite's.
    private static String run(String benchmark, String impl, int rows, double score, double error, double bytes) {
        return run(benchmark, impl, null, rows, score, error, bytes);
    }

    private static String run(String benchmark, String impl, String db, int rows, double score, double error,
            double bytes) {
        return """
                {"benchmark": "io.mcpconn.benchmarks.%s", "mode": "avgt", "forks": 1,
                 "warmupIterations": 1, "warmupTime": "2 s", "measurementIterations": 3, "measurementTime": "1 s",
                 "params": {"impl": "%s", %s"rows": "%d"},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "us/op"},
                 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %s, "scoreError": "NaN", "scoreUnit": "B/op"}}}
                """.formatted(benchmark, impl, db == null ? "" : "\"db\": \"" + db + "\", ", rows, score, error, bytes);
    }
}
