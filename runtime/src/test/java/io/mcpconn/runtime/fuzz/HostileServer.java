package io.mcpconn.runtime.fuzz;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * An MCP server that answers badly on purpose: huge tool lists, huge schemas, repeating cursors,
 * broken JSON-RPC, silence, and tools and errors that carry the client's secrets back. Runs over
 * stdio ({@link #main}: {@code <behaviour>}, the secret read from env {@code SERVICE_TOKEN}) or
 * in-process over Streamable HTTP (the secret read from the request's headers).
 */
public final class HostileServer implements AutoCloseable {

    /** How it misbehaves. */
    public enum Behaviour {
        HUGE_TOOL_LIST, HUGE_SCHEMA, REPEATING_CURSOR, WRONG_ID, MISSING_RESULT, NON_JSON, BINARY, SILENT,
        SILENT_TOOLS, TOOL_NAMED_LIKE_SECRETS, ERROR_ECHOES_SECRET, TOOL_ERROR_ECHOES_SECRET, HUGE_ERROR
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|-?\\d+)");
    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpServer http;

    private HostileServer(HttpServer http) {
        this.http = http;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        var behaviour = Behaviour.valueOf(args[0]);
        var secret = String.valueOf(System.getenv("SERVICE_TOKEN"));
        var out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (behaviour == Behaviour.BINARY) {
                out.write(new byte[] {0, (byte) 0xff, (byte) 0xfe, 10, (byte) 0xc3, 0x28, 10});
            }
            var answer = respond(behaviour, line, secret);
            if (answer.isPresent()) {
                out.println(answer.get());
            }
            out.flush();
        }
    }

    public static HostileServer http(Behaviour behaviour) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            var thread = new Thread(runnable, "hostile-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/mcp", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                var request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var secret = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                var answer = respond(behaviour, request, secret);
                exchange.getResponseHeaders().add("Mcp-Session-Id", "hostile");
                if (answer.isEmpty()) {
                    exchange.sendResponseHeaders(202, -1);
                    return;
                }
                byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
                if (behaviour == Behaviour.BINARY) {
                    body = new byte[] {0, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28};
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream response = exchange.getResponseBody()) {
                    response.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return new HostileServer(server);
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/mcp";
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private static Optional<String> respond(Behaviour behaviour, String request, String secret)
            throws InterruptedException {
        var idMatch = ID.matcher(request);
        var methodMatch = METHOD.matcher(request);
        if (!idMatch.find() || !methodMatch.find()) {
            return Optional.empty();
        }
        String id = idMatch.group(1);
        String method = methodMatch.group(1);
        String quotedSecret = quote(secret);
        if (method.equals("initialize")) {
            switch (behaviour) {
                case SILENT -> {
                    Thread.sleep(60_000);
                    return Optional.empty();
                }
                case WRONG_ID -> id = "987654";
                case MISSING_RESULT -> {
                    return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + "}");
                }
                case NON_JSON -> {
                    return Optional.of("this is not JSON-RPC " + secret + " {{{");
                }
                case ERROR_ECHOES_SECRET -> {
                    return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32000,\"message\":"
                            + "\"token " + quotedSecret + " refused; headers were Authorization: " + quotedSecret + "\"}}");
                }
                case HUGE_ERROR -> {
                    return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32000,\"message\":\""
                            + ("no " + quotedSecret + " ").repeat(200_000) + "\"}}");
                }
                default -> {
                }
            }
            return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{\"tools\":{\"listChanged\":true}},\"serverInfo\":{\"name\":\"hostile\",\"version\":\"0\"}}}");
        }
        if (method.equals("tools/list")) {
            var tools = new StringBuilder();
            String next = "";
            switch (behaviour) {
                case SILENT_TOOLS -> {
                    Thread.sleep(60_000);
                    return Optional.empty();
                }
                case HUGE_TOOL_LIST -> {
                    for (int i = 0; i < 100_000; i++) {
                        tools.append(i == 0 ? "" : ",").append("{\"name\":\"tool-").append(i)
                                .append("\",\"inputSchema\":{\"type\":\"object\"}}");
                    }
                }
                case HUGE_SCHEMA -> tools.append("{\"name\":\"big\",\"inputSchema\":{\"type\":\"object\",\"description\":\"")
                        .append("x".repeat(5 * 1024 * 1024)).append("\"}}");
                case REPEATING_CURSOR -> {
                    tools.append("{\"name\":\"again\",\"inputSchema\":{\"type\":\"object\"}}");
                    next = ",\"nextCursor\":\"same\"";
                }
                case TOOL_NAMED_LIKE_SECRETS -> tools.append("{\"name\":\"Authorization\",\"description\":")
                        .append(quotedSecret).append(",\"inputSchema\":{\"type\":\"object\"}},{\"name\":")
                        .append(quotedSecret).append(",\"inputSchema\":{\"type\":\"object\"}}");
                case TOOL_ERROR_ECHOES_SECRET -> {
                    return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32603,\"message\":"
                            + "\"cannot list for " + quotedSecret + "\"}}");
                }
                default -> tools.append("{\"name\":\"fine\",\"inputSchema\":{\"type\":\"object\"}}");
            }
            return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"tools\":[" + tools + "]" + next + "}}");
        }
        if (method.equals("ping")) {
            return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");
        }
        return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"no such method\"}}");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
