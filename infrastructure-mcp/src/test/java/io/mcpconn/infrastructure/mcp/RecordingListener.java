package io.mcpconn.infrastructure.mcp;

import io.mcpconn.application.mcp.SessionListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A listener that remembers what it was told, and lets a test wait for it. */
final class RecordingListener implements SessionListener {

    final AtomicInteger toolsChanged = new AtomicInteger();
    final List<String> lost = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void toolsChanged() {
        threads.add(Thread.currentThread().getName());
        toolsChanged.incrementAndGet();
    }

    @Override
    public void sessionLost(String cause) {
        threads.add(Thread.currentThread().getName());
        lost.add(cause);
    }

    /** Waits until {@code sessionLost} was called, at most {@code limit}; answers its cause, or null. */
    String awaitLost(Duration limit) {
        await(() -> !lost.isEmpty(), limit);
        return lost.isEmpty() ? null : lost.get(0);
    }

    /** Waits until {@code toolsChanged} was called at least {@code times}, at most {@code limit}. */
    boolean awaitToolsChanged(int times, Duration limit) {
        await(() -> toolsChanged.get() >= times, limit);
        return toolsChanged.get() >= times;
    }

    static void await(java.util.function.BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
