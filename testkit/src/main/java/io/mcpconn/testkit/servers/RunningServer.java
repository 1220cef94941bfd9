package io.mcpconn.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server process started by a test and listening on a loopback port; closing it ends the
 * process and everything it started.
 */
public final class RunningServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String path;
    private final Path log;

    private RunningServer(Process process, int port, String path, Path log) {
        this.process = process;
        this.port = port;
        this.path = path;
        this.log = log;
    }

    /** Starts {@code builder}'s command, and waits until {@code port} accepts connections. */
    public static RunningServer start(ProcessBuilder builder, int port, String path, Duration limit) {
        try {
            var log = Files.createTempFile("mcpconn-server-", ".log");
            var process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            var server = new RunningServer(process, port, path, log);
            long deadline = System.nanoTime() + limit.toNanos();
            while (!server.accepts()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server " + builder.command() + " exited with code "
                            + process.exitValue() + " before it listened on port " + port + ":\n" + server.output());
                }
                if (System.nanoTime() > deadline) {
                    server.close();
                    throw new IllegalStateException("the server " + builder.command() + " did not listen on port " + port
                            + " within " + limit.toSeconds() + " s:\n" + server.output());
                }
                Thread.sleep(25);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean accepts() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + path;
    }

    public Process process() {
        return process;
    }

    /** What the server wrote so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() {
        var tree = Processes.treeOf(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        Processes.awaitGone(tree, Duration.ofSeconds(5));
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // A leftover log in the temp folder is harmless.
        }
    }
}
