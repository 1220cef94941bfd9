package io.mcpconn.infrastructure.mcp;

import io.mcpconn.application.mcp.ToolCallResult;
import io.mcpconn.application.mcp.ToolContent;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.shared.InvalidValueException;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolAnnotations;
import io.mcpconn.domain.tool.ToolCategory;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Translates the SDK's tools and tool results into the domain's and the application's values. */
final class ToolMapper {

    private static final String UNKNOWN_MIME_TYPE = "application/octet-stream";

    private final JsonTrees json;

    ToolMapper(JsonTrees json) {
        this.json = json;
    }

    /**
     * The domain's tool for one the server listed.
     *
     * @throws IllegalArgumentException (an {@link InvalidValueException} when the domain refuses it)
     *                                  with a message naming the rule the tool breaks
     */
    Tool tool(McpSchema.Tool listed) {
        if (listed.name() == null) {
            throw new IllegalArgumentException("a tool has no name");
        }
        var description = nonBlank(listed.description());
        // MCP's display-name precedence: the tool's title, then its annotations' title.
        var title = nonBlank(listed.title())
                .or(() -> Optional.ofNullable(listed.annotations()).flatMap(a -> nonBlank(a.title())));
        var inputSchema = listed.inputSchema() == null ? Tool.NO_ARGUMENTS
                : json.objectFromPlain(listed.inputSchema(), "the input schema of tool \"" + listed.name() + "\"");
        Optional<JsonObject> outputSchema = listed.outputSchema() == null ? Optional.empty()
                : Optional.of(json.objectFromPlain(listed.outputSchema(),
                        "the output schema of tool \"" + listed.name() + "\""));
        return new Tool(listed.name(), title, description, inputSchema, outputSchema,
                annotations(listed.annotations()), ToolCategory.infer(listed.name(), description));
    }

    ToolCallResult result(McpSchema.CallToolResult result) {
        var content = new ArrayList<ToolContent>();
        if (result.content() != null) {
            for (var item : result.content()) {
                content.add(content(item));
            }
        }
        var structured = Optional.ofNullable(result.structuredContent()).map(json::fromPlain);
        return new ToolCallResult(content, structured, Boolean.TRUE.equals(result.isError()));
    }

    private static ToolAnnotations annotations(McpSchema.ToolAnnotations hints) {
        if (hints == null) {
            return ToolAnnotations.NONE;
        }
        return new ToolAnnotations(Optional.ofNullable(hints.readOnlyHint()), Optional.ofNullable(hints.destructiveHint()),
                Optional.ofNullable(hints.idempotentHint()), Optional.ofNullable(hints.openWorldHint()));
    }

    // Servers are lenient about optional fields; a missing one becomes empty rather than failing the call.
    private static ToolContent content(McpSchema.Content item) {
        if (item instanceof McpSchema.TextContent) {
            return new ToolContent.Text(orEmpty(((McpSchema.TextContent) item).text()));
        }
        if (item instanceof McpSchema.ImageContent) {
            var image = (McpSchema.ImageContent) item;
            return new ToolContent.Image(mimeType(image.mimeType()), orEmpty(image.data()));
        }
        if (item instanceof McpSchema.AudioContent) {
            var audio = (McpSchema.AudioContent) item;
            return new ToolContent.Audio(mimeType(audio.mimeType()), orEmpty(audio.data()));
        }
        if (item instanceof McpSchema.ResourceLink) {
            var link = (McpSchema.ResourceLink) item;
            return new ToolContent.ResourceLink(orEmpty(link.uri()), nonBlank(link.name()), nonBlank(link.mimeType()));
        }
        if (item instanceof McpSchema.EmbeddedResource) {
            return embedded(((McpSchema.EmbeddedResource) item).resource());
        }
        // A content type newer than this SDK knows: keep what it says rather than drop it silently.
        return new ToolContent.Text("[" + item.type() + " content]");
    }

    private static ToolContent embedded(McpSchema.ResourceContents resource) {
        if (resource instanceof McpSchema.TextResourceContents) {
            var text = (McpSchema.TextResourceContents) resource;
            return new ToolContent.EmbeddedResource(orEmpty(text.uri()), nonBlank(text.mimeType()),
                    Optional.of(orEmpty(text.text())), Optional.empty());
        }
        if (resource instanceof McpSchema.BlobResourceContents) {
            var blob = (McpSchema.BlobResourceContents) resource;
            return new ToolContent.EmbeddedResource(orEmpty(blob.uri()), nonBlank(blob.mimeType()),
                    Optional.empty(), Optional.of(orEmpty(blob.blob())));
        }
        return new ToolContent.EmbeddedResource(resource == null ? "" : orEmpty(resource.uri()),
                resource == null ? Optional.empty() : nonBlank(resource.mimeType()), Optional.empty(), Optional.empty());
    }

    private static String mimeType(String mimeType) {
        return mimeType == null || mimeType.isBlank() ? UNKNOWN_MIME_TYPE : mimeType;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static Optional<String> nonBlank(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** The tools in the server's order, refusing a list that names a tool twice. */
    static List<Tool> unique(List<Tool> tools) {
        var seen = new java.util.HashSet<String>();
        for (var tool : tools) {
            if (!seen.add(tool.name())) {
                throw new InvalidValueException("tool names must be unique within a connection, but \""
                        + tool.name() + "\" is listed more than once");
            }
        }
        return List.copyOf(tools);
    }
}
