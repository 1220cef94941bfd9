package io.mcpconn.benchmarks.concurrency;

import io.mcpconn.benchmarks.adapter.AdapterStore;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.domain.connection.McpConnection;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * What one process's threads did: every recorded latency by kind, and the counts of stale saves,
 * busy or locked databases and other errors. A child process writes its latencies to a file and
 * its counts as one JSON line, and the parent merges both into its own.
 *
 * @param latencies nanoseconds by kind, unsorted
 * @param counts    stale, busy, errors, unrecorded operations and the first messages
 */
record ProcessRun(Map<Kind, long[]> latencies, Counts counts) {

    /** Most operations one thread is assumed to do in a second (10 µs each), to size the latency arrays. */
    private static final int MAX_OPS_PER_SECOND = 100_000;

    /**
     * The counts of one or more processes.
     *
     * @param unrecorded operations beyond the latency arrays' capacity (counted, not timed)
     */
    record Counts(long stale, long busy, long errors, long unrecorded, List<String> messages) {

        Counts plus(Counts other) {
            List<String> both = new ArrayList<>(messages);
            both.addAll(other.messages);
            return new Counts(stale + other.stale, busy + other.busy, errors + other.errors,
                    unrecorded + other.unrecorded, both);
        }
    }

    /**
     * Runs {@code writers} and {@code readers} threads on {@code store}: {@code awaitStart} is called
     * once all are ready, then they run {@code warmupSeconds} unrecorded and {@code seconds} recorded.
     * {@code process} tells this process's threads from another's, so new ids never collide.
     */
    static ProcessRun run(AdapterStore store, DatasetSpec spec, int writers, int readers, int process,
            int warmupSeconds, int seconds, Runnable awaitStart) {
        McpConnection template = store.findById(spec.namespace(0), spec.id(0));
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, (long) seconds * MAX_OPS_PER_SECOND);
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < writers + readers; t++) {
            workers.add(new Worker(store, spec, t < writers, process * 1000L + t, template, capacity));
        }
        awaitStart.run();
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long until = measureFrom + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            worker.window(measureFrom, until);
            Thread thread = new Thread(worker, (worker.logs().containsKey(Kind.GET) ? "reader-" : "writer-") + threads.size());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the run was going", e);
            }
        }
        return merge(workers);
    }

    private static ProcessRun merge(List<Worker> workers) {
        Map<Kind, long[]> latencies = new EnumMap<>(Kind.class);
        Counts counts = new Counts(0, 0, 0, 0, List.of());
        for (Worker worker : workers) {
            long unrecorded = 0;
            for (Map.Entry<Kind, LatencyLog> log : worker.logs().entrySet()) {
                latencies.merge(log.getKey(), log.getValue().values(), ProcessRun::concat);
                unrecorded += log.getValue().dropped();
            }
            Tally tally = worker.tally();
            counts = counts.plus(new Counts(tally.stale, tally.busy, tally.errors, unrecorded, tally.messages));
        }
        return new ProcessRun(latencies, counts);
    }

    ProcessRun plus(ProcessRun other) {
        Map<Kind, long[]> both = new EnumMap<>(latencies);
        other.latencies.forEach((kind, values) -> both.merge(kind, values, ProcessRun::concat));
        return new ProcessRun(both, counts.plus(other.counts));
    }

    /** Writes the latencies for the parent: per kind, a count and that many longs. */
    void writeLatencies(Path file) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (Kind kind : Kind.values()) {
                long[] values = latencies.getOrDefault(kind, new long[0]);
                out.writeInt(values.length);
                for (long value : values) {
                    out.writeLong(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write latencies to " + file, e);
        }
    }

    /** Reads what {@link #writeLatencies} wrote. */
    static Map<Kind, long[]> readLatencies(Path file) {
        Map<Kind, long[]> latencies = new EnumMap<>(Kind.class);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (Kind kind : Kind.values()) {
                long[] values = new long[in.readInt()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readLong();
                }
                if (values.length > 0) {
                    latencies.put(kind, values);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read latencies from " + file, e);
        }
        return latencies;
    }

    private static long[] concat(long[] a, long[] b) {
        return LongStream.concat(LongStream.of(a), LongStream.of(b)).toArray();
    }
}
