package io.mcpconn.infrastructure.mcp;

import io.mcpconn.application.mcp.SessionListener;
import io.mcpconn.testkit.servers.ServerEverything;

/**
 * Run in a JVM of its own by {@link JvmExitTest}: opens a stdio session (the worst case: a wrapper
 * whose child ignores SIGTERM and the end of its input) and a Streamable HTTP session
 * ({@code args[0]}), uses and closes both, then returns from {@code main} without
 * {@code System.exit}. The JVM ends only if no thread keeps it alive.
 */
public final class CloseAndExitMain {

    private CloseAndExitMain() {
    }

    public static void main(String[] args) {
        var client = new SdkMcpClient("exit-test");
        var stdio = client.open(Configs.wrapped(ServerEverything.stubbornStdioCommand()), SessionListener.ignoring());
        var http = client.open(Configs.http(args[0]), SessionListener.ignoring());
        stdio.listTools();
        http.listTools();
        long start = System.nanoTime();
        System.out.println("stdio closed: " + stdio.close() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        start = System.nanoTime();
        System.out.println("http closed: " + http.close() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        var self = Thread.currentThread();
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.isDaemon() && thread != self && thread.isAlive())
                .forEach(thread -> System.out.println("non-daemon thread: " + thread.getName()));
        System.out.println("main returns at " + System.currentTimeMillis());
    }
}
