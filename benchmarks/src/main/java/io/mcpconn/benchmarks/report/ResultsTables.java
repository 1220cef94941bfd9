package io.mcpconn.benchmarks.report;

import io.mcpconn.benchmarks.Operations;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.benchmarks.concurrency.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The report's tables, in Markdown, from JMH results and concurrency figures. Each database that
 * has results gets its floor, adapter and ratio columns, side by side, SQLite first.
 */
final class ResultsTables {

    /** The databases in the order their columns appear, with the names the tables give them. */
    private static final Map<String, String> DATABASES = new LinkedHashMap<>();

    static {
        DATABASES.put("sqlite", "SQLite");
        DATABASES.put("postgresql", "PostgreSQL");
    }

    private static final List<String> ORDER = List.of("saveNew", "update", "saveBatch1000", "getById",
            "firstPageNamespace", "firstPageAgent", "deepPageNamespace", "deepPageAgent");
    private static final List<String> SCALED = List.of("getById", "firstPageNamespace", "firstPageAgent");
    private static final String BATCH = "saveBatch1000";

    private final Map<String, JmhResult> byKey = new LinkedHashMap<>();
    private final List<String> operations = new ArrayList<>();
    private final TreeSet<Integer> rows = new TreeSet<>();
    private final List<String> dbs = new ArrayList<>();

    ResultsTables(List<JmhResult> results) {
        List<String> seen = new ArrayList<>();
        for (JmhResult result : results) {
            byKey.put(key(result.operation(), result.db(), result.impl(), result.rows()), result);
            rows.add(result.rows());
            if (!dbs.contains(result.db())) {
                dbs.add(result.db());
            }
            if (!seen.contains(result.operation())) {
                seen.add(result.operation());
            }
        }
        ORDER.stream().filter(seen::contains).forEach(operations::add);
        seen.stream().filter(operation -> !ORDER.contains(operation)).forEach(operations::add);
        List<String> known = new ArrayList<>(DATABASES.keySet());
        dbs.sort((a, b) -> Integer.compare(rank(known, a), rank(known, b)));
    }

    /** The databases that have results, SQLite first. */
    List<String> databases() {
        return List.copyOf(dbs);
    }

    /** The name a table gives {@code db}. */
    static String label(String db) {
        return DATABASES.getOrDefault(db, db);
    }

    private static int rank(List<String> known, String db) {
        int rank = known.indexOf(db);
        return rank < 0 ? known.size() : rank;
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** Average time per operation, floor against adapter on each database; the batch also as rows per second. */
    String timings() {
        StringBuilder table = new StringBuilder(header("| operation | rows", "floor (µs/op)", "adapter (µs/op)",
                "adapter / floor"));
        for (String operation : operations) {
            for (int size : rows) {
                if (!anyAt(operation, size)) {
                    continue;
                }
                table.append("| ").append(operation).append(" | ").append(count(size)).append(" |");
                for (String db : dbs) {
                    Optional<JmhResult> floor = find(operation, db, "floor", size);
                    Optional<JmhResult> adapter = find(operation, db, "adapter", size);
                    table.append(' ').append(floor.map(ResultsTables::timing).orElse("–")).append(" | ")
                            .append(adapter.map(ResultsTables::timing).orElse("–")).append(" | ")
                            .append(ratio(floor, adapter, operation.equals(BATCH))).append(" |");
                }
                table.append('\n');
            }
        }
        return table.toString();
    }

    /** How get by id and the first pages grow from the smallest data set to the largest. */
    String scaling() {
        if (rows.size() < 2) {
            return "";
        }
        int small = rows.first();
        int large = rows.last();
        String growth = count(large) + " / " + count(small);
        StringBuilder table = new StringBuilder(header("| operation | rows returned", "floor " + growth,
                "adapter " + growth, "adapter per row returned"));
        for (String operation : SCALED) {
            if (!operations.contains(operation)) {
                continue;
            }
            int fewer = returned(operation, small);
            int more = returned(operation, large);
            table.append("| ").append(operation).append(" | ").append(fewer == more ? count(fewer)
                    : count(fewer) + " → " + count(more)).append(" |");
            for (String db : dbs) {
                Optional<JmhResult> from = find(operation, db, "adapter", small);
                Optional<JmhResult> to = find(operation, db, "adapter", large);
                String perRow = from.isPresent() && to.isPresent()
                        ? times(micros(to.get()) / more / (micros(from.get()) / fewer)) : "–";
                table.append(' ').append(growth(operation, db, "floor", small, large)).append(" | ")
                        .append(growth(operation, db, "adapter", small, large)).append(" | ").append(perRow).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** How many rows the operation returns at a data set's size: pages are short where lists are. */
    static int returned(String operation, int size) {
        return switch (operation) {
            case "firstPageNamespace" -> Math.min(Operations.PAGE_SIZE, size / DatasetSpec.NAMESPACES);
            case "firstPageAgent" -> Math.min(Operations.PAGE_SIZE,
                    size / DatasetSpec.NAMESPACES / DatasetSpec.AGENTS_PER_NAMESPACE);
            default -> 1;
        };
    }

    /** Bytes allocated per operation, where {@code -prof gc} measured them. */
    String allocation() {
        StringBuilder table = new StringBuilder(header("| operation | rows", "floor (B/op)", "adapter (B/op)",
                "adapter / floor"));
        boolean any = false;
        for (String operation : operations) {
            for (int size : rows) {
                StringBuilder line = new StringBuilder("| ").append(operation).append(" | ").append(count(size)).append(" |");
                boolean measured = false;
                for (String db : dbs) {
                    Optional<Double> floor = find(operation, db, "floor", size).flatMap(ResultsTables::bytes);
                    Optional<Double> adapter = find(operation, db, "adapter", size).flatMap(ResultsTables::bytes);
                    measured |= floor.isPresent() || adapter.isPresent();
                    line.append(' ').append(floor.map(b -> String.format("%,.0f", b)).orElse("–")).append(" | ")
                            .append(adapter.map(b -> String.format("%,.0f", b)).orElse("–")).append(" | ")
                            .append(floor.isPresent() && adapter.isPresent() ? times(adapter.get() / floor.get()) : "–")
                            .append(" |");
                }
                if (measured) {
                    any = true;
                    table.append(line).append('\n');
                }
            }
        }
        return any ? table.toString() : "";
    }

    /** Throughput and latency of each concurrency scenario, and what went wrong. */
    static String concurrency(List<ScenarioResult> scenarios) {
        StringBuilder table = new StringBuilder("| db | scenario | kind | ops/s | p50 (µs) | p99 (µs) |\n"
                + "| --- | --- | --- | ---: | ---: | ---: |\n");
        StringBuilder outcomes = new StringBuilder("| db | scenario | stale, retried | busy/locked errors | other errors |"
                + " operations not timed |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (ScenarioResult scenario : scenarios) {
            String name = scenario.processes() + " process" + (scenario.processes() == 1 ? "" : "es") + " × ("
                    + scenario.writersPerProcess() + " writers + " + scenario.readersPerProcess() + " readers), "
                    + count(scenario.rows()) + " rows, " + scenario.seconds() + " s";
            for (ScenarioResult.KindFigures kind : scenario.kinds()) {
                table.append("| ").append(label(scenario.db())).append(" | ").append(name).append(" | ").append(kind.kind()).append(" | ")
                        .append(String.format("%,.0f", kind.perSecond())).append(" | ")
                        .append(number(kind.p50Micros())).append(" | ").append(number(kind.p99Micros())).append(" |\n");
            }
            outcomes.append("| ").append(label(scenario.db())).append(" | ").append(name).append(" | ")
                    .append(scenario.staleRetried()).append(" | ")
                    .append(scenario.busy()).append(" | ").append(scenario.errors()).append(" | ")
                    .append(scenario.unrecorded()).append(" |\n");
            scenario.messages().forEach(message -> outcomes.append("\n> ").append(message).append('\n'));
        }
        return table + "\n" + outcomes;
    }

    /** A header of {@code lead}'s columns, then the three given for each database, named after it. */
    private String header(String lead, String floor, String adapter, String ratio) {
        StringBuilder names = new StringBuilder(lead).append(" |");
        StringBuilder rule = new StringBuilder("| --- |" + " ---: |".repeat((int) lead.chars().filter(c -> c == '|').count() - 1));
        for (String db : dbs) {
            String name = label(db);
            names.append(' ').append(name).append(' ').append(floor).append(" | ").append(name).append(' ').append(adapter)
                    .append(" | ").append(name).append(' ').append(ratio).append(" |");
            rule.append(" ---: | ---: | ---: |");
        }
        return names + "\n" + rule + "\n";
    }

    private boolean anyAt(String operation, int size) {
        return dbs.stream().anyMatch(db -> find(operation, db, "floor", size).isPresent()
                || find(operation, db, "adapter", size).isPresent());
    }

    private String growth(String operation, String db, String impl, int small, int large) {
        Optional<JmhResult> from = find(operation, db, impl, small);
        Optional<JmhResult> to = find(operation, db, impl, large);
        return from.isPresent() && to.isPresent() ? times(micros(to.get()) / micros(from.get())) : "–";
    }

    private Optional<JmhResult> find(String operation, String db, String impl, int size) {
        return Optional.ofNullable(byKey.get(key(operation, db, impl, size)));
    }

    private static String timing(JmhResult result) {
        double micros = micros(result);
        double error = result.error() * micros / result.score();
        String text = number(micros) + (Double.isNaN(error) ? "" : " ± " + number(error));
        return result.operation().equals(BATCH) ? text + " (" + String.format("%,.0f", perSecond(micros)) + " rows/s)" : text;
    }

    private static String ratio(Optional<JmhResult> floor, Optional<JmhResult> adapter, boolean batch) {
        if (floor.isEmpty() || adapter.isEmpty()) {
            return "–";
        }
        double time = micros(adapter.get()) / micros(floor.get());
        return batch ? times(time) + " (throughput " + times(1 / time) + " of the floor's)" : times(time);
    }

    private static double perSecond(double microsPerBatch) {
        return Operations.BATCH_SIZE / (microsPerBatch / 1e6);
    }

    private static Optional<Double> bytes(JmhResult result) {
        return result.bytesPerOp().isPresent() ? Optional.of(result.bytesPerOp().getAsDouble()) : Optional.empty();
    }

    /** The score in microseconds, whatever time unit JMH was told to use. */
    private static double micros(JmhResult result) {
        return switch (result.unit()) {
            case "ns/op" -> result.score() / 1e3;
            case "ms/op" -> result.score() * 1e3;
            case "s/op" -> result.score() * 1e6;
            default -> result.score();
        };
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? String.format("%,.0f", value) : value >= 10 ? String.format("%.1f", value)
                : String.format("%.2f", value);
    }

    private static String times(double ratio) {
        return (ratio >= 10 ? String.format("%.0f", ratio) : String.format("%.2f", ratio)) + "×";
    }

    private static String count(int rows) {
        return String.format("%,d", rows);
    }

    private static String key(String operation, String db, String impl, int rows) {
        return operation + "/" + db + "/" + impl + "/" + rows;
    }
}
