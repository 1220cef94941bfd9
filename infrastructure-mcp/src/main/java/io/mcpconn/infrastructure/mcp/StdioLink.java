package io.mcpconn.infrastructure.mcp;

import io.modelcontextprotocol.spec.McpClientTransport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's local server process. Its exit is the sign of a dead session; ending the session
 * ends the process and everything it started.
 *
 * <p>The close follows MCP's stdio shutdown and bounds each step: collect the tree (before any
 * signal, see {@link ProcessTree}), close the server's input and give it {@link #EOF_GRACE} to
 * exit, then SIGTERM and after {@link #TERM_GRACE} SIGKILL whatever of the tree is left: as the
 * MCP SDKs for Python and TypeScript do, only sooner, so a close takes at most about 2 s. (SDK
 * 2.1.0's own stdio close sends SIGTERM to the direct child only and waits for it without limit.)
 */
final class StdioLink implements ServerLink {

    /** How long a server has to exit once its input is closed. */
    static final Duration EOF_GRACE = Duration.ofMillis(500);
    /** How long a server has to exit after SIGTERM, before it is killed. */
    static final Duration TERM_GRACE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(StdioLink.class);

    private final StdioLauncher.Launch launch;
    private final String server;
    private volatile ProcessTree tree;

    StdioLink(StdioLauncher.Launch launch, String server) {
        this.launch = launch;
        this.server = server;
    }

    @Override
    public McpClientTransport transport() {
        return launch.transport();
    }

    @Override
    public void watch(Consumer<String> lost, Consumer<Throwable> startFailed) {
        launch.transport().started().whenComplete((process, failure) -> {
            if (failure != null) {
                startFailed.accept(failure);
                return;
            }
            tree = new ProcessTree(process, launch.ownGroup());
            log.debug("Started {} as pid {}", server, process.pid());
            process.onExit().thenRunAsync(() -> exitCause(Duration.ZERO).ifPresent(lost),
                    command -> DaemonThreads.start("mcpconn-stdio-exit", command));
        });
    }

    /**
     * Why the server is gone, if it exits within {@code wait}: its exit code and its last words on
     * stderr (which may still be in the pipe when the exit is noticed).
     */
    Optional<String> exitCause(Duration wait) {
        var started = tree;
        if (started == null) {
            return Optional.empty();
        }
        var process = started.process();
        if (ServerLink.await(process.onExit(), wait).isPresent() && process.isAlive()) {
            return Optional.empty();
        }
        ServerLink.await(launch.transport().stderrDrained(), Duration.ofMillis(500));
        return Optional.of("the server process (pid " + process.pid() + ") exited with code " + process.exitValue() + "."
                + launch.stderr().suffix());
    }

    @Override
    public Optional<Death> deathIn(Throwable failure) {
        // The process's exit says it first and better (with its exit code and last words).
        return Optional.empty();
    }

    /** The server's process tree, once started. */
    Optional<ProcessTree> tree() {
        return Optional.ofNullable(tree);
    }

    @Override
    public Optional<String> shutdown(Supplier<CompletableFuture<Void>> sdkClose) {
        var started = tree;
        if (started == null) {
            ServerLink.await(sdkClose.get(), TERM_GRACE);
            return Optional.empty();
        }
        long begin = System.nanoTime();
        List<ProcessHandle> members = started.members();
        // The SDK's close ends the protocol session and then the transport, which closes the server's input.
        var closing = sdkClose.get();
        ServerLink.await(closing, TERM_GRACE);
        int killed = started.terminate(members, EOF_GRACE, TERM_GRACE);
        log.debug("Closed {} (pid {}, {} processes) in {} ms, {} killed", server, started.pid(), members.size(),
                (System.nanoTime() - begin) / 1_000_000, killed);
        if (killed == 0) {
            return Optional.empty();
        }
        return Optional.of("the server process (pid " + started.pid() + ") " + (members.size() > 1 ? "and its child processes " : "")
                + "did not exit within " + FailureTranslator.seconds(EOF_GRACE.plus(TERM_GRACE))
                + " of the end of its input and SIGTERM; " + killed + (killed == 1 ? " process was" : " processes were")
                + " killed");
    }
}
