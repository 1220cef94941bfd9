package io.mcpconn.benchmarks.concurrency;

import io.mcpconn.benchmarks.dataset.Dataset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link ConcurrencyRun} runs. Writer and reader counts are totals: with two processes each
 * runs half of them.
 *
 * @param rows      rows in the data set
 * @param seconds   recorded seconds per scenario
 * @param warmup    unrecorded seconds before them
 * @param writers   writer threads in all
 * @param readers   reader threads in all
 * @param scenario  "one-process", "two-processes" or "both"
 * @param dbs       the databases to run on, in order ("sqlite", "postgresql")
 * @param out       where to write the results as JSON
 */
public record ConcurrencyOptions(int rows, int seconds, int warmup, int writers, int readers, String scenario,
        List<String> dbs, Optional<Path> out) {

    private static final List<String> SCENARIOS = List.of("one-process", "two-processes", "both");
    private static final List<String> NAMES = List.of("--rows", "--seconds", "--warmup", "--writers", "--readers",
            "--scenario", "--db", "--out");

    public ConcurrencyOptions {
        dbs = List.copyOf(dbs);
        if (dbs.isEmpty() || !Dataset.NAMES.containsAll(dbs)) {
            throw new IllegalArgumentException("--db must be one of " + Dataset.NAMES + " or both, not " + dbs);
        }
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("--scenario must be one of " + SCENARIOS + ", not " + scenario);
        }
        if (rows < 1 || seconds < 1 || warmup < 0 || writers < 1 || readers < 1) {
            throw new IllegalArgumentException("rows, seconds, writers and readers must be positive, warmup not negative");
        }
        if (!scenario.equals("one-process") && (writers % 2 != 0 || readers % 2 != 0)) {
            throw new IllegalArgumentException("two processes split writers and readers evenly: give even counts");
        }
    }

    /**
     * {@code --rows N --seconds S --warmup W --writers N --readers N --scenario X --db D --out FILE};
     * the defaults are 100,000 rows, 10 s after 2 s of warm-up, 4 writers, 4 readers, both
     * scenarios, on SQLite ({@code --db sqlite|postgresql|both}).
     */
    public static ConcurrencyOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!NAMES.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected one of " + NAMES + " with a value, got " + args[i]);
            }
            given.put(args[i], args[i + 1]);
        }
        return new ConcurrencyOptions(number(given, "--rows", 100_000), number(given, "--seconds", 10),
                number(given, "--warmup", 2), number(given, "--writers", 4), number(given, "--readers", 4),
                given.getOrDefault("--scenario", "both"), Dataset.selected(given.getOrDefault("--db", "sqlite")),
                Optional.ofNullable(given.get("--out")).map(Path::of));
    }

    private static int number(Map<String, String> given, String name, int otherwise) {
        return given.containsKey(name) ? Integer.parseInt(given.get(name)) : otherwise;
    }
}
