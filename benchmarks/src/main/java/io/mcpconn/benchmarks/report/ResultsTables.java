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

/** The report's tables, in Markdown, from JMH results and concurrency figures. */
final class ResultsTables {

    private static final List<String> ORDER = List.of("saveNew", "update", "saveBatch1000", "getById",
            "firstPageNamespace", "firstPageAgent", "deepPageNamespace", "deepPageAgent");
    private static final List<String> SCALED = List.of("getById", "firstPageNamespace", "firstPageAgent");
    private static final String BATCH = "saveBatch1000";

    private final Map<String, JmhResult> byKey = new LinkedHashMap<>();
    private final List<String> operations = new ArrayList<>();
    private final TreeSet<Integer> rows = new TreeSet<>();

    ResultsTables(List<JmhResult> results) {
        List<String> seen = new ArrayList<>();
        for (JmhResult result : results) {
            byKey.put(key(result.operation(), result.impl(), result.rows()), result);
            rows.add(result.rows());
            if (!seen.contains(result.operation())) {
                seen.add(result.operation());
            }
        }
        ORDER.stream().filter(seen::contains).forEach(operations::add);
        seen.stream().filter(operation -> !ORDER.contains(operation)).forEach(operations::add);
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** Average time per operation, floor against adapter; the batch also as rows per second. */
    String timings() {
        StringBuilder table = new StringBuilder("| operation | rows | floor (µs/op) | adapter (µs/op) | adapter / floor |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
        for (String operation : operations) {
            for (int size : rows) {
                Optional<JmhResult> floor = find(operation, "floor", size);
                Optional<JmhResult> adapter = find(operation, "adapter", size);
                if (floor.isEmpty() && adapter.isEmpty()) {
                    continue;
                }
                table.append("| ").append(operation).append(" | ").append(count(size)).append(" | ")
                        .append(floor.map(ResultsTables::timing).orElse("–")).append(" | ")
                        .append(adapter.map(ResultsTables::timing).orElse("–")).append(" | ")
                        .append(ratio(floor, adapter, operation.equals(BATCH))).append(" |\n");
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
        StringBuilder table = new StringBuilder("| operation | rows returned | floor " + count(large) + " / "
                + count(small) + " | adapter " + count(large) + " / " + count(small) + " | adapter per row returned |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
        for (String operation : SCALED) {
            if (!operations.contains(operation)) {
                continue;
            }
            int fewer = returned(operation, small);
            int more = returned(operation, large);
            Optional<JmhResult> from = find(operation, "adapter", small);
            Optional<JmhResult> to = find(operation, "adapter", large);
            String perRow = from.isPresent() && to.isPresent()
                    ? times(micros(to.get()) / more / (micros(from.get()) / fewer)) : "–";
            table.append("| ").append(operation).append(" | ").append(fewer == more ? count(fewer)
                            : count(fewer) + " → " + count(more)).append(" | ")
                    .append(growth(operation, "floor", small, large)).append(" | ")
                    .append(growth(operation, "adapter", small, large)).append(" | ").append(perRow).append(" |\n");
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
        StringBuilder table = new StringBuilder("| operation | rows | floor (B/op) | adapter (B/op) | adapter / floor |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
        boolean any = false;
        for (String operation : operations) {
            for (int size : rows) {
                Optional<Double> floor = find(operation, "floor", size).flatMap(ResultsTables::bytes);
                Optional<Double> adapter = find(operation, "adapter", size).flatMap(ResultsTables::bytes);
                if (floor.isEmpty() && adapter.isEmpty()) {
                    continue;
                }
                any = true;
                table.append("| ").append(operation).append(" | ").append(count(size)).append(" | ")
                        .append(floor.map(b -> String.format("%,.0f", b)).orElse("–")).append(" | ")
                        .append(adapter.map(b -> String.format("%,.0f", b)).orElse("–")).append(" | ")
                        .append(floor.isPresent() && adapter.isPresent() ? times(adapter.get() / floor.get()) : "–")
                        .append(" |\n");
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

    /** The name a table gives {@code db}. */
    static String label(String db) {
        return switch (db) {
            case "sqlite" -> "SQLite";
            case "postgresql" -> "PostgreSQL";
            default -> db;
        };
    }

    private String growth(String operation, String impl, int small, int large) {
        Optional<JmhResult> from = find(operation, impl, small);
        Optional<JmhResult> to = find(operation, impl, large);
        return from.isPresent() && to.isPresent() ? times(micros(to.get()) / micros(from.get())) : "–";
    }

    private Optional<JmhResult> find(String operation, String impl, int size) {
        return Optional.ofNullable(byKey.get(key(operation, impl, size)));
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

    private static String key(String operation, String impl, int rows) {
        return operation + "/" + impl + "/" + rows;
    }
}
