package io.mcpconn.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One JMH result as the report needs it, read from JMH's JSON output ({@code -rf json}).
 *
 * @param operation       the benchmark method, e.g. {@code getById}
 * @param impl            "floor" or "adapter"
 * @param db              "sqlite" or "postgresql" (results from before the {@code db} parameter are SQLite's)
 * @param rows            rows in the data set
 * @param score           average time per operation
 * @param error           JMH's 99.9% confidence half-width; NaN with too few iterations
 * @param unit            the score's unit, e.g. {@code us/op}
 * @param bytesPerOp      bytes allocated per operation ({@code -prof gc}'s {@code gc.alloc.rate.norm})
 * @param settings        warm-up, measurement and forks, as JMH ran them
 */
public record JmhResult(String operation, String impl, String db, int rows, double score, double error, String unit,
        OptionalDouble bytesPerOp, String settings) {

    /** Reads every result of a JMH JSON file. */
    public static List<JmhResult> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH results " + file, e);
        }
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode run : root) {
            String benchmark = run.path("benchmark").asText();
            JsonNode primary = run.path("primaryMetric");
            JsonNode allocation = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
            results.add(new JmhResult(benchmark.substring(benchmark.lastIndexOf('.') + 1),
                    run.path("params").path("impl").asText(), run.path("params").path("db").asText("sqlite"),
                    run.path("params").path("rows").asInt(),
                    primary.path("score").asDouble(), number(primary.path("scoreError")),
                    primary.path("scoreUnit").asText(),
                    allocation.isMissingNode() ? OptionalDouble.empty() : OptionalDouble.of(allocation.path("score").asDouble()),
                    run.path("warmupIterations").asInt() + " × " + run.path("warmupTime").asText() + " warm-up, "
                            + run.path("measurementIterations").asInt() + " × " + run.path("measurementTime").asText()
                            + " measured, " + run.path("forks").asInt() + " fork(s)"));
        }
        return results;
    }

    // JMH writes "NaN" as a string when there were too few iterations for an error.
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
