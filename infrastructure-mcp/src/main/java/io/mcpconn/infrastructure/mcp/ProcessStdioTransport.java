package io.mcpconn.infrastructure.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP's stdio transport (newline-delimited JSON-RPC over a child process's standard input and
 * output) on the JDK's process API, for the SDK's client.
 *
 * <p>Why not the SDK's {@code StdioClientTransport} (2.1.0), measured: its three reader/writer
 * threads are not daemons; it offers no environment or working directory setting and keeps the
 * process private; and one flag stops both of its readers, so a server that closes or redirects
 * its standard error ({@code 2>/dev/null}) is never read again (its {@code initialize} answer is
 * dropped and the session times out), and a server that exits at once loses the stderr lines
 * that say why. Here every thread is a daemon, stderr is read on its own, the process is ours to
 * watch and end, and a stray non-JSON line on stdout (a banner) is logged instead of ending the
 * session.
 */
final class ProcessStdioTransport implements McpClientTransport {

    private static final Logger log = LoggerFactory.getLogger(ProcessStdioTransport.class);
    // As the SDK's own limit: a peer that never ends a line cannot make us buffer without bound.
    private static final int MAX_LINE = 16 * 1024 * 1024;

    private final ProcessBuilder builder;
    private final McpJsonMapper mapper;
    private final StderrTail stderr;
    private final String server;
    private final CompletableFuture<Process> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrDrained = new CompletableFuture<>();
    // Writes leave the caller's thread (often a Reactor thread) so that a server not reading its input blocks no one.
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), DaemonThreads.named("mcpconn-stdio-writer"));
    private volatile Process process;

    ProcessStdioTransport(ProcessBuilder builder, McpJsonMapper mapper, StderrTail stderr, String server) {
        this.builder = builder;
        this.mapper = mapper;
        this.stderr = stderr;
        this.server = server;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            Process started;
            try {
                started = builder.start();
            } catch (IOException e) {
                this.started.completeExceptionally(e);
                throw new UncheckedIOException(e);
            }
            process = started;
            DaemonThreads.start("mcpconn-stdio-reader-" + started.pid(), () -> readMessages(started.getInputStream(), handler));
            DaemonThreads.start("mcpconn-stdio-stderr-" + started.pid(), () -> readErrors(started.getErrorStream()));
            this.started.complete(started);
        });
    }

    /** Completes with the server's process once started, or with why it could not be. */
    CompletableFuture<Process> started() {
        return started;
    }

    /** Completes once everything the server (and whatever shares its stderr) wrote there is read. */
    CompletableFuture<Void> stderrDrained() {
        return stderrDrained;
    }

    private void readMessages(InputStream stdout, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        try (var reader = new InputStreamReader(stdout, StandardCharsets.UTF_8)) {
            String line;
            while ((line = readLine(reader)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                } catch (IOException | RuntimeException e) {
                    log.warn("{} wrote a line that is not JSON-RPC to its standard output; ignored: {}", server,
                            stderr.redact(FailureTranslator.shorten(line)));
                    continue;
                }
                handler.apply(Mono.just(message)).subscribe(ignored -> { },
                        failure -> log.debug("Handling a message from {} failed: {}", server, stderr.redact(String.valueOf(failure))));
            }
        } catch (IOException e) {
            log.debug("Reading from {} ended: {}", server, e.toString());
        }
    }

    private void readErrors(InputStream errors) {
        try (var reader = new InputStreamReader(errors, StandardCharsets.UTF_8)) {
            String line;
            while ((line = readLine(reader)) != null) {
                stderr.accept(line);
            }
        } catch (IOException e) {
            log.debug("Reading the stderr of {} ended: {}", server, e.toString());
        } finally {
            stderrDrained.complete(null);
        }
    }

    // A line without its terminator; a line longer than MAX_LINE is cut there (the rest becomes the next line).
    private static String readLine(Reader reader) throws IOException {
        var line = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1) {
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() >= MAX_LINE) {
                return line.toString();
            }
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.create(sink -> {
            try {
                writer.execute(() -> {
                    try {
                        write(mapper.writeValueAsString(message));
                        sink.success();
                    } catch (IOException | RuntimeException e) {
                        sink.error(e);
                    }
                });
            } catch (RuntimeException e) {
                sink.error(new IOException("the session with " + server + " is closed", e));
            }
        });
    }

    private void write(String json) throws IOException {
        var current = process;
        if (current == null) {
            throw new IOException(server + " was not started");
        }
        var input = current.getOutputStream();
        synchronized (input) {
            // JSON text from Jackson holds no raw line break, so one message is one line.
            input.write(json.getBytes(StandardCharsets.UTF_8));
            input.write('\n');
            input.flush();
        }
    }

    /** Ends the server's input: MCP's stdio shutdown starts there. The process itself is the caller's to end. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            writer.shutdown();
            var current = process;
            if (current != null) {
                var input = current.getOutputStream();
                synchronized (input) {
                    try {
                        input.close();
                    } catch (IOException e) {
                        log.debug("Closing the input of {} failed", server, e);
                    }
                }
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
