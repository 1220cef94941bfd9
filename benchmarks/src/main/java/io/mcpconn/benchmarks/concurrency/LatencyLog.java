package io.mcpconn.benchmarks.concurrency;

import java.util.Arrays;

/**
 * Every latency of one kind of operation on one thread, in nanoseconds, kept in an array allocated
 * before the run so that recording allocates nothing. Operations past its capacity are counted
 * but not kept.
 */
final class LatencyLog {

    private final long[] nanos;
    private int size;
    private long dropped;

    LatencyLog(int capacity) {
        this.nanos = new long[capacity];
    }

    void record(long latency) {
        if (size < nanos.length) {
            nanos[size++] = latency;
        } else {
            dropped++;
        }
    }

    long[] values() {
        return Arrays.copyOf(nanos, size);
    }

    long dropped() {
        return dropped;
    }
}
