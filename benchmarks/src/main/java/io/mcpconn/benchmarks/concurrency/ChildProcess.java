package io.mcpconn.benchmarks.concurrency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.benchmarks.Operations;
import io.mcpconn.benchmarks.adapter.AdapterStore;
import io.mcpconn.benchmarks.dataset.Dataset;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The second process of the two-process scenario: the same java and class path as the parent,
 * its own adapter on the same data set (file or database; the PostgreSQL server's address and
 * password reach it through its environment, never its command line). It says {@code ready} once
 * set up, starts when the parent answers {@code go} (so both load the data set at the same time),
 * writes its latencies to a file and prints its counts as one JSON line.
 */
final class ChildProcess {

    static final String FLAG = "--child";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READY = "ready";
    private static final String GO = "go";

    private ChildProcess() {
    }

    static Process start(Dataset dataset, Path latencies, DatasetSpec spec, int writers, int readers,
            ConcurrencyOptions options) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ConcurrencyRun.class.getName(), FLAG,
                "--dataset", dataset.describe(), "--latencies", latencies.toString(),
                "--rows", String.valueOf(spec.rows()), "--seed", String.valueOf(spec.seed()),
                "--namespaces", String.valueOf(spec.namespaces()), "--agents", String.valueOf(spec.agentsPerNamespace()),
                "--writers", String.valueOf(writers), "--readers", String.valueOf(readers),
                "--warmup", String.valueOf(options.warmup()), "--seconds", String.valueOf(options.seconds()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (dataset instanceof Dataset.Postgres postgres) {
            builder.environment().putAll(postgres.server().childEnvironment());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the second process", e);
        }
    }

    /** Waits until the child is ready, then lets it go; the caller's own threads start right after. */
    static void startTogether(Process child, BufferedReader childOut) {
        try {
            String line;
            while ((line = childOut.readLine()) != null && !line.equals(READY)) {
                System.out.println("child: " + line);
            }
            if (line == null) {
                throw new IllegalStateException("the second process ended before it was ready (exit "
                        + child.waitFor() + ")");
            }
            OutputStream in = child.getOutputStream();
            in.write((GO + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to the second process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the second process", e);
        }
    }

    /** The child's counts, once it has finished successfully. */
    static ProcessRun.Counts result(Process child, BufferedReader childOut) throws IOException {
        ProcessRun.Counts counts = null;
        String line;
        while ((line = childOut.readLine()) != null) {
            if (line.startsWith("{")) {
                counts = JSON.readValue(line, ProcessRun.Counts.class);
            } else {
                System.out.println("child: " + line);
            }
        }
        try {
            int exit = child.waitFor();
            if (exit != 0 || counts == null) {
                throw new IllegalStateException("the second process failed (exit " + exit + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the second process", e);
        }
        return counts;
    }

    static void main(String[] args) throws IOException {
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            given.put(args[i], args[i + 1]);
        }
        DatasetSpec spec = new DatasetSpec(number(given, "--rows"), Long.parseLong(given.get("--seed")),
                number(given, "--namespaces"), number(given, "--agents"));
        BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ProcessRun run;
        try (AdapterStore store = Dataset.parse(given.get("--dataset")).adapter(Operations.PAGE_SIZE)) {
            run = ProcessRun.run(store, spec, number(given, "--writers"), number(given, "--readers"), 1,
                    number(given, "--warmup"), number(given, "--seconds"), () -> awaitGo(parent));
        }
        run.writeLatencies(Path.of(given.get("--latencies")));
        System.out.println(JSON.writeValueAsString(run.counts()));
    }

    private static void awaitGo(BufferedReader parent) {
        System.out.println(READY);
        System.out.flush();
        try {
            String line = parent.readLine();
            if (!GO.equals(line)) {
                throw new IllegalStateException("the parent process said " + line + " instead of " + GO);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lost the parent process", e);
        }
    }

    private static int number(Map<String, String> given, String name) {
        return Integer.parseInt(given.get(name));
    }
}
