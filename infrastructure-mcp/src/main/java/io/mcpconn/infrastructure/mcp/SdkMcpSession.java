package io.mcpconn.infrastructure.mcp;

import io.mcpconn.application.mcp.CloseOutcome;
import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.application.mcp.McpSession;
import io.mcpconn.application.mcp.ServerInfo;
import io.mcpconn.application.mcp.ToolCallResult;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.tool.Tool;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One MCP session on the SDK's asynchronous client. Requests are waited for here, so that a
 * request still waiting when the server dies fails at once (the SDK would let it run into its
 * timeout), and so that closing is bounded by this adapter, not by the SDK's fixed 10 s.
 */
final class SdkMcpSession implements McpSession {

    static final String INITIALIZE = "answer the initialize request";

    private static final Logger log = LoggerFactory.getLogger(SdkMcpSession.class);
    // The SDK bounds every request by the timeout; this only guards against a request it never ends.
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);
    private static final Duration EXIT_NOTICE = Duration.ofMillis(300);

    private final ConnectionConfig config;
    private final FailureTranslator errors;
    private final ToolMapper tools;
    private final JsonTrees json;
    private final SessionEvents events;
    private final ServerLink link;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile McpAsyncClient client;
    // Until initialize succeeds a broken connection is the failure of open, not the loss of a session.
    private volatile boolean opened;
    private volatile String endCause;
    private volatile McpClientException startFailure;
    private final AtomicReference<CompletableFuture<CloseOutcome>> shutdown = new AtomicReference<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile ServerInfo server;
    private CloseOutcome outcome;

    SdkMcpSession(ConnectionConfig config, FailureTranslator errors, JsonTrees json, SessionEvents events, ServerLink link) {
        this.config = config;
        this.errors = errors;
        this.tools = new ToolMapper(json);
        this.json = json;
        this.events = events;
        this.link = link;
    }

    /** Runs {@code initialize} on {@code sdkClient}; on failure everything started is ended again. */
    void initialize(McpAsyncClient sdkClient) {
        this.client = sdkClient;
        link.watch(this::lost, this::startFailed);
        try {
            var result = await(INITIALIZE, sdkClient.initialize());
            var info = result.serverInfo();
            server = new ServerInfo(info == null || info.name() == null ? "unknown" : info.name(),
                    info == null || info.version() == null ? "unknown" : info.version(),
                    String.valueOf(result.protocolVersion()), Optional.ofNullable(result.instructions()));
        } catch (McpClientException e) {
            var cause = endCause;
            if (cause == null && link instanceof StdioLink) {
                // A request to a process that is exiting may fail (broken pipe) before its exit is noticed.
                cause = ((StdioLink) link).exitCause(EXIT_NOTICE).orElse(null);
            }
            var failure = startFailure != null ? startFailure
                    : cause != null && link instanceof StdioLink
                    ? errors.failure(Reason.UNREACHABLE, errors.server() + " ended before it answered the initialize request: "
                            + cause + " Run the command by hand to see why it stops.")
                    : e;
            events.closing();
            shutdownOnce();
            throw failure;
        }
        log.debug("Opened a session with {} ({} {}, protocol {})", errors.server(), server.name(), server.version(),
                server.protocolVersion());
        opened = true;
        events.open();
    }

    /** The server's process tree, for stdio sessions once started; tests look at it. */
    Optional<ProcessTree> processTree() {
        return link instanceof StdioLink ? ((StdioLink) link).tree() : Optional.empty();
    }

    @Override
    public ServerInfo server() {
        return server;
    }

    @Override
    public List<Tool> listTools() {
        var capabilities = client.getServerCapabilities();
        if (capabilities != null && capabilities.tools() == null) {
            return List.of();
        }
        return ToolListing.all(cursor -> await("list its tools", client.listTools(cursor)), tools, errors);
    }

    @Override
    public ToolCallResult callTool(String name, JsonObject arguments) {
        var request = McpSchema.CallToolRequest.builder(name).arguments(json.toPlain(arguments)).build();
        return tools.result(await("call the tool \"" + name + "\"", client.callTool(request)));
    }

    @Override
    public void ping() {
        await("answer a ping", client.ping());
    }

    private <T> T await(String action, Mono<T> request) {
        var cause = endCause;
        if (cause != null) {
            throw errors.translate(action, new FailureTranslator.SessionEnded(cause));
        }
        CompletableFuture<T> future = request.toFuture();
        pending.add(future);
        cause = endCause;
        if (cause != null) {
            // Ended between the check and the add: failPending may have missed this request.
            future.completeExceptionally(new FailureTranslator.SessionEnded(cause));
        }
        try {
            return future.get(config.timeout().plus(SAFETY_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(action, e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw errors.translate(action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw errors.failure(Reason.TIMEOUT, "the wait for " + errors.server() + " to " + action + " was interrupted");
        } finally {
            pending.remove(future);
        }
    }

    private McpClientException failed(String action, Throwable failure) {
        var death = opened ? link.deathIn(failure) : Optional.<ServerLink.Death>empty();
        if (death.isEmpty()) {
            return errors.translate(action, failure);
        }
        if (death.get().certain() || !stillAnswers(death.get().cause()) || endCause != null) {
            lost(death.get().cause());
            return errors.translate(action, new FailureTranslator.SessionEnded(Objects.requireNonNullElse(endCause, death.get().cause())));
        }
        // Measured with SDK 2.1.0's servlet transport: about 3 in 100 JSON-RPC error answers are cut off this way.
        return errors.failure(Reason.PROTOCOL, errors.server() + " dropped the connection before it answered the request to "
                + action + " (" + FailureTranslator.detail(failure) + "); it still answers, so the session stays open,"
                + " but the request may or may not have taken effect");
    }

    /** The transport reported a failure outside any request (e.g. the server's event stream broke). */
    void transportFailed(Throwable failure) {
        if (!opened || endCause != null) {
            return;
        }
        link.deathIn(failure).ifPresent(death -> {
            if (death.certain()) {
                lost(death.cause());
            } else if (checking.compareAndSet(false, true)) {
                DaemonThreads.start("mcpconn-session-check", () -> {
                    try {
                        if (!stillAnswers(death.cause())) {
                            lost(death.cause());
                        }
                    } finally {
                        checking.set(false);
                    }
                });
            }
        });
    }

    // A broken connection may be a proxy closing an idle one, or a server cutting one answer short:
    // the session is lost only if the server does not answer a ping either.
    private boolean stillAnswers(String cause) {
        try {
            client.ping().toFuture().get(config.timeout().plus(SAFETY_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
            log.debug("{} still answers after {}", errors.server(), config.redact(cause));
            return true;
        } catch (ExecutionException e) {
            // A ping answered with an error still came from a live server.
            // (Unless the session ended meanwhile, which fails the ping too.)
            return endCause == null && link.deathIn(e.getCause()).isEmpty();
        } catch (TimeoutException e) {
            log.debug("{} did not answer a ping after {}; the session is kept", errors.server(), config.redact(cause));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void startFailed(Throwable failure) {
        startFailure = errors.failure(Reason.UNREACHABLE, "could not start " + errors.server() + ": "
                + FailureTranslator.detail(failure) + "; check the command and that it may be executed");
        failPending("the server could not be started");
    }

    private void lost(String cause) {
        if (!events.lost(cause)) {
            return;
        }
        log.debug("Lost the session with {}: {}", errors.server(), config.redact(cause));
        failPending(cause);
        // The process tree and the SDK's threads are released at once, not when someone calls close().
        DaemonThreads.start("mcpconn-session-release", this::shutdownOnce);
    }

    private void failPending(String cause) {
        endCause = cause;
        pending.forEach(future -> future.completeExceptionally(new FailureTranslator.SessionEnded(cause)));
    }

    @Override
    public synchronized CloseOutcome close() {
        if (outcome != null) {
            return outcome;
        }
        try {
            boolean alive = events.closing();
            var lostCause = endCause;
            failPending("the session was closed");
            var released = shutdownOnce();
            outcome = !alive && lostCause != null
                    ? CloseOutcome.forced(config.redact("the session had already ended: " + lostCause))
                    : released;
        } catch (RuntimeException e) {
            log.warn("Closing the session with {} failed", errors.server(), FailureTranslator.Redacted.of(e, config));
            outcome = CloseOutcome.forced(config.redact("closing failed: " + FailureTranslator.detail(e)));
        }
        return outcome;
    }

    /** Ends the session's resources once; whoever comes second waits for the first. */
    private CloseOutcome shutdownOnce() {
        var mine = new CompletableFuture<CloseOutcome>();
        var running = shutdown.compareAndExchange(null, mine);
        if (running != null) {
            try {
                return running.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CloseOutcome.forced("interrupted while the session was being ended");
            } catch (ExecutionException | TimeoutException e) {
                return CloseOutcome.forced("the session's resources could not be released in time");
            }
        }
        CloseOutcome result;
        try {
            var sdk = client;
            result = link.shutdown(() -> sdk == null ? CompletableFuture.completedFuture(null) : sdk.closeGracefully().toFuture())
                    .map(text -> CloseOutcome.forced(config.redact(text)))
                    .orElse(CloseOutcome.GRACEFUL);
        } catch (RuntimeException e) {
            log.warn("Releasing the session with {} failed", errors.server(), FailureTranslator.Redacted.of(e, config));
            result = CloseOutcome.forced(config.redact("releasing the session failed: " + FailureTranslator.detail(e)));
        }
        mine.complete(result);
        return result;
    }
}
