package io.mcpconn.benchmarks.concurrency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mcpconn.benchmarks.Operations;
import io.mcpconn.benchmarks.adapter.AdapterStore;
import io.mcpconn.benchmarks.dataset.Dataset;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.benchmarks.dataset.Datasets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writers and readers at once on one adapter over one database, then the same load split over two
 * processes sharing it: throughput and p50/p99 latency per kind of operation, the stale saves
 * retried, and the busy/locked and other errors that reached the caller, which must be none. On
 * SQLite the processes share one file; on PostgreSQL one database, each process with its own pool,
 * as two runtime instances would. Exits 1 if there were any errors.
 *
 * <p>{@code ConcurrencyRun [--rows 100000] [--seconds 10] [--warmup 2] [--writers 4] [--readers 4]
 * [--scenario both|one-process|two-processes] [--db sqlite|postgresql|both] [--out results.json]}
 */
public final class ConcurrencyRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConcurrencyRun() {
    }

    /** Runs the scenarios, prints their figures and writes them as JSON if asked. */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals(ChildProcess.FLAG)) {
            ChildProcess.main(args);
            return;
        }
        ConcurrencyOptions options = ConcurrencyOptions.parse(args);
        List<ScenarioResult> results = run(options);
        for (ScenarioResult result : results) {
            System.out.println(JSON.writeValueAsString(result));
        }
        if (options.out().isPresent()) {
            Files.createDirectories(options.out().get().toAbsolutePath().getParent());
            JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.out().get().toFile(), results);
        }
        if (results.stream().anyMatch(ScenarioResult::failed)) {
            System.err.println("concurrency run: busy/locked or other errors reached the caller (see above)");
            System.exit(1);
        }
    }

    /** Runs the scenarios {@code options} ask for on each database, each on a fresh copy of the data set. */
    public static List<ScenarioResult> run(ConcurrencyOptions options) {
        DatasetSpec spec = Datasets.spec(options.rows());
        List<ScenarioResult> results = new ArrayList<>();
        for (String db : options.dbs()) {
            Dataset dataset = Dataset.ensure(db, spec);
            if (!options.scenario().equals("two-processes")) {
                results.add(onCopy(dataset, copy -> oneProcess(copy, spec, options)));
            }
            if (!options.scenario().equals("one-process")) {
                results.add(onCopy(dataset, copy -> twoProcesses(copy, spec, options)));
            }
        }
        return results;
    }

    private static ScenarioResult oneProcess(Dataset dataset, DatasetSpec spec, ConcurrencyOptions options) {
        try (AdapterStore store = dataset.adapter(Operations.PAGE_SIZE)) {
            ProcessRun run = ProcessRun.run(store, spec, options.writers(), options.readers(), 0, options.warmup(),
                    options.seconds(), () -> { });
            return ScenarioResult.of(dataset.db(), "one-process", 1, options.writers(), options.readers(), spec.rows(),
                    options.seconds(), run);
        }
    }

    private static ScenarioResult twoProcesses(Dataset dataset, DatasetSpec spec, ConcurrencyOptions options) {
        int writers = options.writers() / 2;
        int readers = options.readers() / 2;
        Path latencies;
        try {
            latencies = Files.createTempFile(Datasets.directory(), "child-", ".latencies");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a file for the second process's latencies", e);
        }
        Process child = ChildProcess.start(dataset, latencies, spec, writers, readers, options);
        try (AdapterStore store = dataset.adapter(Operations.PAGE_SIZE);
                BufferedReader childOut = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            ProcessRun own = ProcessRun.run(store, spec, writers, readers, 0, options.warmup(), options.seconds(),
                    () -> ChildProcess.startTogether(child, childOut));
            ProcessRun.Counts childCounts = ChildProcess.result(child, childOut);
            ProcessRun both = own.plus(new ProcessRun(ProcessRun.readLatencies(latencies), childCounts));
            return ScenarioResult.of(dataset.db(), "two-processes", 2, writers, readers, spec.rows(), options.seconds(), both);
        } catch (IOException e) {
            throw new UncheckedIOException("lost the child process", e);
        } finally {
            child.destroy();
            try {
                Files.deleteIfExists(latencies);
            } catch (IOException e) {
                System.err.println("could not delete " + latencies + ": " + e.getMessage());
            }
        }
    }

    private static ScenarioResult onCopy(Dataset dataset, Function<Dataset, ScenarioResult> scenario) {
        Dataset copy = dataset.copyForWrites();
        try {
            return scenario.apply(copy);
        } finally {
            copy.delete();
        }
    }
}
