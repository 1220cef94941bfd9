package io.mcpconn.testkit.servers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An HTTP "MCP server" that fails, and repeats in its failures whatever the client sent, as badly
 * behaved servers and proxies do: {@code /unauthorized} answers 401, {@code /broken} 500, and
 * {@code /rpc-error} a JSON-RPC error to {@code initialize}, each quoting the request's headers.
 */
public final class EchoingServer implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");

    private final HttpServer server;

    /** Starts it on a free port of 127.0.0.1. */
    public EchoingServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/unauthorized", exchange -> answer(exchange, 401, "text/plain",
                "unauthorized: the key you sent was refused; you sent " + headers(exchange)));
        server.createContext("/broken", exchange -> answer(exchange, 500, "text/plain",
                "internal error while handling " + exchange.getRequestURI() + " with " + headers(exchange)));
        server.createContext("/rpc-error", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var id = ID.matcher(body);
            var message = "key refused: " + headers(exchange);
            answer(exchange, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":" + (id.find() ? id.group(1) : "0")
                    + ",\"error\":{\"code\":-32001,\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\",\"data\":{\"authorization\":\"" + exchange.getRequestHeaders().getFirst("Authorization") + "\"}}}");
        });
        server.start();
    }

    /** The URL of {@code path} on it. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static String headers(HttpExchange exchange) {
        var shown = new TreeMap<String, String>();
        exchange.getRequestHeaders().forEach((name, values) -> shown.put(name, String.join(",", values)));
        return shown.toString();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
