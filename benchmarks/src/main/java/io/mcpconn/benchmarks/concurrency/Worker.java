package io.mcpconn.benchmarks.concurrency;

import io.mcpconn.benchmarks.adapter.AdapterStore;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.domain.connection.ConcurrentUpdateException;
import io.mcpconn.domain.connection.McpConnection;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One thread of the concurrency run. A writer mostly loads a random stored connection, changes
 * it and saves it, and otherwise inserts a new one; a reader gets random connections by id and
 * reads first pages. Random rows among 100,000 make two writers meet on one row rarely; when they
 * do, the later save is stale, which is counted and retried with a fresh load, as an application
 * would. Only operations that start after the warm-up are recorded.
 */
final class Worker implements Runnable {

    private static final int RETRIES = 10;

    private final AdapterStore store;
    private final DatasetSpec spec;
    private final boolean writer;
    private final SplittableRandom random;
    private final SplittableRandom newIds;
    private final McpConnection template;
    private final Map<Kind, LatencyLog> logs = new EnumMap<>(Kind.class);
    private final Tally tally = new Tally();
    private long measureFrom;
    private long until;

    /** {@code stream} must differ for every thread of every process: new ids come from it. */
    Worker(AdapterStore store, DatasetSpec spec, boolean writer, long stream, McpConnection template, int capacity) {
        this.store = store;
        this.spec = spec;
        this.writer = writer;
        this.random = DatasetSpec.stream(spec.seed() + 7, stream);
        this.newIds = DatasetSpec.stream(spec.seed() + 8, stream);
        this.template = template;
        for (Kind kind : writer ? new Kind[] {Kind.UPDATE, Kind.INSERT} : new Kind[] {Kind.GET, Kind.PAGE}) {
            logs.put(kind, new LatencyLog(capacity));
        }
    }

    /** Runs from now, records from {@code measureFrom} and stops at {@code until} (both {@link System#nanoTime()}). */
    void window(long measureFrom, long until) {
        this.measureFrom = measureFrom;
        this.until = until;
    }

    Map<Kind, LatencyLog> logs() {
        return logs;
    }

    Tally tally() {
        return tally;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        while (now < until) {
            Kind kind = writer ? (random.nextInt(4) == 0 ? Kind.INSERT : Kind.UPDATE)
                    : (random.nextBoolean() ? Kind.GET : Kind.PAGE);
            try {
                perform(kind);
            } catch (RuntimeException e) {
                tally.failed(e);
            }
            long end = System.nanoTime();
            if (now >= measureFrom) {
                logs.get(kind).record(end - now);
            }
            now = end;
        }
    }

    private void perform(Kind kind) {
        int row = random.nextInt(spec.rows());
        switch (kind) {
            case UPDATE -> update(row);
            case INSERT -> {
                String id = DatasetSpec.uuid(newIds);
                store.insert(store.newConnection(template, id, "new-" + id, spec.namespace(row), spec.agent(row),
                        Instant.now()));
            }
            case GET -> store.findById(spec.namespace(row), spec.id(row));
            case PAGE -> {
                if (random.nextBoolean()) {
                    store.page(spec.namespace(row), store.firstPage());
                } else {
                    store.agentPage(spec.namespace(row), spec.agent(row), store.firstPage());
                }
            }
        }
    }

    private void update(int row) {
        for (int attempt = 1; ; attempt++) {
            McpConnection loaded = store.findById(spec.namespace(row), spec.id(row));
            try {
                store.update(store.change(loaded, Instant.now()));
                return;
            } catch (ConcurrentUpdateException e) {
                tally.stale++;
                if (attempt == RETRIES) {
                    throw e;
                }
            }
        }
    }
}
