package io.mcpconn.infrastructure.mcp;

import io.modelcontextprotocol.spec.McpClientTransport;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What lies beneath one session: a local process or an HTTP endpoint. It tells the session when
 * the server is gone, and makes sure that ending the session leaves nothing behind.
 */
interface ServerLink {

    /** The transport the SDK's client talks through. */
    McpClientTransport transport();

    /**
     * Starts watching the server. {@code lost} is told, with a cause, when the server dies;
     * {@code startFailed} when it could not even be started.
     */
    void watch(Consumer<String> lost, Consumer<Throwable> startFailed);

    /** Whether {@code failure} of a request shows that the server may be gone, and how to say so. */
    Optional<Death> deathIn(Throwable failure);

    /**
     * A failure that may mean the server is gone.
     *
     * @param cause   how to say what happened
     * @param certain whether it proves it (a refused connection), or needs a check (a broken one may
     *                be a proxy closing an idle connection)
     */
    record Death(String cause, boolean certain) {
    }

    /**
     * Ends the session's resources within a few seconds: runs the SDK's close ({@code sdkClose}
     * may be called again if the first one cannot finish) and ends what it leaves behind.
     *
     * @return what needed force, if anything did
     */
    Optional<String> shutdown(Supplier<CompletableFuture<Void>> sdkClose);

    /**
     * Waits for {@code future} at most {@code limit}.
     *
     * @return empty if it completed normally, otherwise what happened
     */
    static Optional<String> await(CompletableFuture<?> future, Duration limit) {
        try {
            future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("no answer within " + FailureTranslator.seconds(limit));
        } catch (ExecutionException e) {
            return Optional.of(FailureTranslator.detail(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
