package io.mcpconn.infrastructure.mcp;

import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A session's Streamable HTTP endpoint. There is no process to watch: the server is known to be
 * gone when a connection to it is refused or it no longer knows the session (it restarted), and
 * may be gone when a request or its event stream breaks (the session then checks with a ping; a
 * proxy may close an idle stream). Measured: a killed server is noticed within 15-35 ms through
 * the event stream even while the session is idle; an idle session stayed up for 70 s. A timeout
 * is not a death (the server may be slow), nor is an HTTP error status.
 */
final class HttpLink implements ServerLink {

    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(3);

    private final McpClientTransport transport;
    private final Duration timeout;

    HttpLink(McpClientTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    @Override
    public McpClientTransport transport() {
        return transport;
    }

    @Override
    public void watch(Consumer<String> lost, Consumer<Throwable> startFailed) {
        // Nothing to watch: failures arrive through requests and the transport's exception handler.
    }

    @Override
    public Optional<Death> deathIn(Throwable failure) {
        if (FailureTranslator.find(failure, McpTransportSessionNotFoundException.class) != null) {
            return Optional.of(new Death("the server no longer knows this session; it was probably restarted", true));
        }
        if (FailureTranslator.find(failure, ConnectException.class) != null
                || FailureTranslator.find(failure, UnresolvedAddressException.class) != null) {
            return Optional.of(new Death("the server stopped accepting connections", true));
        }
        var io = FailureTranslator.find(failure, IOException.class);
        if (io != null && FailureTranslator.find(failure, HttpTimeoutException.class) == null) {
            return Optional.of(new Death("the connection to the server broke (" + FailureTranslator.detail(io) + ")", false));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> shutdown(Supplier<CompletableFuture<Void>> sdkClose) {
        var limit = timeout.compareTo(CLOSE_LIMIT) < 0 ? timeout : CLOSE_LIMIT;
        return ServerLink.await(sdkClose.get(), limit)
                .map(problem -> "the server did not confirm the end of the session (" + problem + ")");
    }
}
