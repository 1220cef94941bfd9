package io.mcpconn.infrastructure.mcp;

import io.mcpconn.application.mcp.SessionListener;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells one session's {@link SessionListener} what happened, on a thread of its own: the SDK's
 * threads (a pipe reader, an HTTP client's executor) must never wait for the application.
 *
 * <p>Events are delivered in order, one at a time; a burst of tool changes is delivered once, and
 * {@code sessionLost} at most once and never after {@link #closing()}. A tool change the server
 * announces before the session is {@linkplain #open() open} is dropped: the port promises no call
 * during {@code open}, and whoever opens a session lists its tools afterwards, which already sees
 * that change (servers announce a change after making it).
 */
final class SessionEvents {

    private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

    private final SessionListener listener;
    private final String server;
    // One thread at most, and none while idle, so that a quiet session holds no thread.
    private final ThreadPoolExecutor executor;
    private final AtomicBoolean toolsChangePending = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean open;
    private volatile boolean closed;

    SessionEvents(SessionListener listener, String server) {
        this.listener = listener;
        this.server = server;
        this.executor = new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.named("mcpconn-session-events"));
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** The session is open: events are delivered from now on. */
    void open() {
        open = true;
    }

    /** The server said its tools changed. */
    void toolsChanged() {
        if (open && !ended.get() && toolsChangePending.compareAndSet(false, true)) {
            scheduleToolsChanged();
        }
    }

    /**
     * The session died; tells the listener once, unless the session was closed or lost already.
     *
     * @return whether this call ended the session
     */
    boolean lost(String cause) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        if (open) {
            executor.execute(() -> deliver("sessionLost", () -> listener.sessionLost(cause)));
        }
        return true;
    }

    /**
     * Our own close began: nothing more is delivered, and a later loss is not reported.
     *
     * @return whether the session was still alive (not lost) when the close began
     */
    boolean closing() {
        closed = true;
        return ended.compareAndSet(false, true);
    }

    private void scheduleToolsChanged() {
        executor.execute(() -> {
            // Cleared before the call, so that a change during the call is delivered again after it.
            if (toolsChangePending.compareAndSet(true, false) && !ended.get() && !closed) {
                deliver("toolsChanged", listener::toolsChanged);
            }
        });
    }

    private void deliver(String event, Runnable call) {
        // A loss queued just before close() began is dropped: the port promises nothing after close().
        if (closed) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("The session listener failed on {} for {}", event, server, e);
        }
    }
}
