package io.mcpconn.benchmarks.concurrency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of one concurrency scenario, merged over its processes; written as JSON for the
 * report.
 *
 * @param db                 "sqlite" or "postgresql"
 * @param scenario           "one-process" or "two-processes"
 * @param processes          how many processes shared the database
 * @param writersPerProcess  writer threads in each process
 * @param readersPerProcess  reader threads in each process
 * @param rows               rows in the data set
 * @param seconds            recorded seconds (after the warm-up)
 * @param kinds              throughput and latency by kind of operation
 * @param staleRetried       saves refused as stale and retried: a normal outcome, not an error
 * @param busy               busy or locked databases surfaced to the caller
 * @param errors             any other failure
 * @param unrecorded         operations beyond the latency arrays (counted in no figure)
 * @param messages           the first few failure messages
 */
public record ScenarioResult(String db, String scenario, int processes, int writersPerProcess, int readersPerProcess, int rows,
        int seconds, List<KindFigures> kinds, long staleRetried, long busy, long errors, long unrecorded,
        List<String> messages) {

    /**
     * One kind of operation.
     *
     * @param kind         update, insert, get or page
     * @param operations   completed in the recorded seconds, over all threads and processes
     * @param perSecond    operations per second
     * @param p50Micros    median latency
     * @param p99Micros    99th percentile latency
     */
    public record KindFigures(String kind, long operations, double perSecond, double p50Micros, double p99Micros) {
    }

    /** Whether anything went wrong that must not: busy or locked errors, or any other error. */
    public boolean failed() {
        return busy > 0 || errors > 0;
    }

    static ScenarioResult of(String db, String scenario, int processes, int writers, int readers, int rows, int seconds,
            ProcessRun run) {
        List<KindFigures> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            long[] sorted = run.latencies().get(kind);
            if (sorted == null) {
                continue;
            }
            sorted = sorted.clone();
            Arrays.sort(sorted);
            kinds.add(new KindFigures(kind.label(), sorted.length, (double) sorted.length / seconds,
                    micros(percentile(sorted, 0.50)), micros(percentile(sorted, 0.99))));
        }
        ProcessRun.Counts counts = run.counts();
        return new ScenarioResult(db, scenario, processes, writers, readers, rows, seconds, kinds, counts.stale(),
                counts.busy(), counts.errors(), counts.unrecorded(), counts.messages());
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
