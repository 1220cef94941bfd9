package io.mcpconn.infrastructure.mcp.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * A hand-written JSON-RPC responder for what the SDK's server cannot do: paginate its tool list
 * (SDK 2.1.0's server always answers one page), repeat a cursor, list tools the domain refuses, or
 * never answer. Runs over stdio ({@link #main}) or as an in-process HTTP server, which also
 * serves a web page at {@code /html} and nothing (404) elsewhere.
 */
public final class ScriptedServer implements AutoCloseable {

    /** What the server does wrong, or differently. */
    public enum Script {
        /** Three pages of two tools each. */
        PAGES,
        /** Page two names the same cursor again, forever; over stdio it announces a tool change before answering a ping. */
        REPEATING_CURSOR,
        /** A new cursor on every page, forever. */
        ENDLESS,
        /** Two tools of the same name. */
        DUPLICATE_NAMES,
        /** A tool whose name has a space in it. */
        INVALID_NAME,
        /** Never answers anything. */
        SILENT,
        /** Over HTTP, drops the connection of every tool call without an answer; other requests are answered. */
        DROPS_CALLS
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;

    private ScriptedServer(HttpServer http) {
        this.http = http;
    }

    /** Over stdio: {@code <script> [file to log each method to]}. */
    public static void main(String[] args) throws IOException {
        var script = Script.valueOf(args[0]);
        Optional<Path> log = args.length > 1 ? Optional.of(Path.of(args[1])) : Optional.empty();
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            var request = JSON.readTree(line);
            var method = request.path("method").asText();
            if (log.isPresent()) {
                Files.writeString(log.get(), method + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            if (script == Script.REPEATING_CURSOR && method.equals("ping")) {
                out.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
            }
            respond(script, request).ifPresent(response -> out.println(response));
        }
    }

    /** Over Streamable HTTP at {@code http://127.0.0.1:<port>/mcp}, answering with plain JSON. */
    public static ScriptedServer http(Script script) throws IOException {
        // Without it the JDK's server waits for a delayed ACK between headers and body: 25 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            var thread = new Thread(runnable, "scripted-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/mcp", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                var request = JSON.readTree(exchange.getRequestBody());
                if (script == Script.SILENT) {
                    Thread.sleep(60_000);
                    return;
                }
                if (script == Script.DROPS_CALLS && request.path("method").asText().equals("tools/call")) {
                    // Closing an exchange before its headers are sent closes the connection: the client reads EOF.
                    return;
                }
                var response = respond(script, request);
                exchange.getResponseHeaders().add("Mcp-Session-Id", "scripted");
                if (response.isEmpty()) {
                    exchange.sendResponseHeaders(202, -1);
                    return;
                }
                var body = response.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // Not MCP: a web page where a client expects JSON-RPC.
        server.createContext("/html", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                var body = "<html><body>Welcome</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return new ScriptedServer(server);
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/mcp";
    }

    @Override
    public void close() {
        http.stop(0);
    }

    static Optional<String> respond(Script script, JsonNode request) {
        if (!request.has("id") || script == Script.SILENT) {
            return Optional.empty();
        }
        var method = request.path("method").asText();
        ObjectNode result = JSON.createObjectNode();
        switch (method) {
            case "initialize":
                result.put("protocolVersion", request.path("params").path("protocolVersion").asText("2025-06-18"));
                result.putObject("capabilities").putObject("tools").put("listChanged", true);
                result.putObject("serverInfo").put("name", "scripted-" + script.name().toLowerCase()).put("version", "0");
                break;
            case "tools/list":
                listTools(script, request.path("params").path("cursor").asText(""), result);
                break;
            case "ping":
                break;
            default:
                return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"error\":{\"code\":-32601,\"message\":\"no "
                        + method + " here\"}}");
        }
        var response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", request.get("id"));
        response.set("result", result);
        return Optional.of(response.toString());
    }

    private static void listTools(Script script, String cursor, ObjectNode result) {
        var tools = result.putArray("tools");
        int page = cursor.isEmpty() ? 1 : Integer.parseInt(cursor.substring("page-".length()));
        switch (script) {
            case PAGES:
                for (var name : List.of("tool-" + page + "a", "tool-" + page + "b")) {
                    tools.addObject().put("name", name).putObject("inputSchema").put("type", "object");
                }
                if (page < 3) {
                    result.put("nextCursor", "page-" + (page + 1));
                }
                break;
            case REPEATING_CURSOR:
                tools.addObject().put("name", "tool-" + page).putObject("inputSchema").put("type", "object");
                result.put("nextCursor", "page-2");
                break;
            case ENDLESS:
                tools.addObject().put("name", "tool-" + page).putObject("inputSchema").put("type", "object");
                result.put("nextCursor", "page-" + (page + 1));
                break;
            case DUPLICATE_NAMES:
                tools.addObject().put("name", "twin").putObject("inputSchema").put("type", "object");
                tools.addObject().put("name", "twin").putObject("inputSchema").put("type", "object");
                break;
            case INVALID_NAME:
                tools.addObject().put("name", "has space").putObject("inputSchema").put("type", "object");
                break;
            default:
                break;
        }
    }
}
