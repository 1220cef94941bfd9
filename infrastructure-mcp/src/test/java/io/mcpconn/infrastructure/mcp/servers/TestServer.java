package io.mcpconn.infrastructure.mcp.servers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tools of the SDK-based test server, the same over stdio and Streamable HTTP:
 * {@code echo}, {@code add} (structured result), {@code fail} (a tool error result), {@code boom}
 * (a JSON-RPC error), {@code slow}, {@code env}, {@code cwd}, {@code media} (every content type),
 * {@code change-tools} (adds a tool, so the server sends list_changed) and {@code crash} (the
 * process halts at once).
 */
public final class TestServer {

    static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());

    private TestServer() {
    }

    static McpSyncServer build(McpServer.SyncSpecification<?> spec) {
        var server = new AtomicReference<McpSyncServer>();
        var added = new AtomicInteger();
        spec.serverInfo("mcpconn-test-server", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(List.of(
                        tool("echo", "Echoes back the input string", object(Map.of("message", Map.of("type", "string")), "message"),
                                args -> text("Echo: " + args.get("message"))),
                        SyncToolSpecification.builder()
                                .tool(McpSchema.Tool.builder().name("add").description("Adds two numbers")
                                        .inputSchema(object(Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")), "a", "b"))
                                        .outputSchema(object(Map.of("sum", Map.of("type", "number")), "sum"))
                                        .build())
                                .callHandler((exchange, request) -> {
                                    double sum = ((Number) request.arguments().get("a")).doubleValue()
                                            + ((Number) request.arguments().get("b")).doubleValue();
                                    return CallToolResult.builder().addTextContent("sum: " + sum)
                                            .structuredContent(Map.of("sum", sum)).build();
                                })
                                .build(),
                        tool("fail", "Reports a tool error", object(Map.of()),
                                args -> CallToolResult.builder().addTextContent("failed on purpose").isError(true).build()),
                        tool("boom", "Answers with a JSON-RPC error", object(Map.of()), args -> {
                            throw McpError.builder(-32000).message("boom on purpose").build();
                        }),
                        tool("slow", "Answers after a while", object(Map.of("millis", Map.of("type", "integer"))), args -> {
                            sleep(((Number) args.getOrDefault("millis", 1000)).longValue());
                            return text("done");
                        }),
                        tool("env", "Returns an environment variable", object(Map.of("name", Map.of("type", "string"))),
                                args -> text(args.containsKey("name")
                                        ? String.valueOf(System.getenv((String) args.get("name")))
                                        : String.join(",", new java.util.TreeSet<>(System.getenv().keySet())))),
                        tool("cwd", "Returns the working directory", object(Map.of()),
                                args -> text(Path.of("").toAbsolutePath().toString())),
                        tool("media", "Returns every kind of content", object(Map.of()), args -> CallToolResult.builder()
                                .addContent(new TextContent("some text"))
                                .addContent(new McpSchema.ImageContent(null, "aW1hZ2U=", "image/png"))
                                .addContent(new McpSchema.AudioContent(null, "YXVkaW8=", "audio/wav"))
                                .addContent(new McpSchema.ResourceLink("linked", null, "file:///linked.txt", null, "text/plain", null, null, null))
                                .addContent(new McpSchema.EmbeddedResource(null,
                                        new McpSchema.TextResourceContents("file:///embedded.txt", "text/plain", "embedded text")))
                                .addContent(new McpSchema.EmbeddedResource(null,
                                        new McpSchema.BlobResourceContents("file:///embedded.bin", "application/octet-stream", "YmxvYg==")))
                                .build()),
                        tool("change-tools", "Adds a tool, so that the server announces a change", object(Map.of()), args -> {
                            var name = "added-" + added.incrementAndGet();
                            server.get().addTool(tool(name, "Added at run time", object(Map.of()), more -> text(name)));
                            return text("added " + name);
                        }),
                        tool("crash", "Halts the server process at once", object(Map.of()), args -> {
                            System.err.println("crashing on purpose");
                            System.err.flush();
                            Runtime.getRuntime().halt(3);
                            return text("unreachable");
                        })));
        server.set(spec.build());
        return server.get();
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> schema,
                                              java.util.function.Function<Map<String, Object>, CallToolResult> call) {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(name).description(description).inputSchema(schema).build())
                .callHandler((exchange, request) -> call.apply(request.arguments() == null ? Map.of() : request.arguments()))
                .build();
    }

    private static Map<String, Object> object(Map<String, Object> properties, String... required) {
        return Map.of("type", "object", "properties", properties, "required", List.of(required));
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
