package io.mcpconn.domain.tool;

import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool an MCP server offers, after the MCP specification's {@code Tool}, plus the
 * {@link ToolCategory} the Python service stores with it.
 *
 * <p>Schemas come from servers, and a stored catalog is read back whole: each schema is bounded to
 * {@link #MAX_SCHEMA_BYTES} of JSON nesting at most {@link #MAX_SCHEMA_DEPTH} levels, so that no
 * server can make one connection too large to keep or too deep to encode.
 *
 * @param name         unique within one connection; 1 to 128 characters, no whitespace
 * @param title        human-readable name, if the server gave one
 * @param description  what the tool does, if the server said
 * @param inputSchema  JSON Schema of the arguments; a JSON object
 * @param outputSchema JSON Schema of structured results, if the server declares one
 * @param annotations  behaviour hints
 * @param category     what the tool is for
 */
public record Tool(
        String name,
        Optional<String> title,
        Optional<String> description,
        JsonObject inputSchema,
        Optional<JsonObject> outputSchema,
        ToolAnnotations annotations,
        ToolCategory category) {

    /** Longest tool name the MCP specification recommends. */
    public static final int MAX_NAME_LENGTH = 128;

    /** Most bytes of compact JSON (UTF-8) one schema may take: 8 MiB. */
    public static final long MAX_SCHEMA_BYTES = 8L * 1024 * 1024;

    /** Deepest a schema may nest objects and arrays; real schemas stay far below it. */
    public static final int MAX_SCHEMA_DEPTH = 64;

    /** The input schema of a tool that takes no arguments: {@code {"type":"object"}}. */
    public static final JsonObject NO_ARGUMENTS =
            JsonValue.object(java.util.Map.of("type", JsonValue.string("object")));

    public Tool {
        Checks.text(name, "tool name", MAX_NAME_LENGTH);
        for (int i = 0; i < name.length(); i++) {
            if (Character.isWhitespace(name.charAt(i))) {
                throw new InvalidValueException("tool name \"" + name
                        + "\" must not contain whitespace; MCP tool names use letters, digits, '_', '-' and '.'");
            }
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(outputSchema, "outputSchema");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(category, "category");
        requireObjectType(inputSchema, name, "input schema");
        outputSchema.ifPresent(schema -> requireObjectType(schema, name, "output schema"));
        title.ifPresent(text -> Checks.wellFormed(text, () -> "title of tool \"" + name + "\""));
        description.ifPresent(text -> Checks.wellFormed(text, () -> "description of tool \"" + name + "\""));
        requireBounded(inputSchema, name, "input schema");
        outputSchema.ifPresent(schema -> requireBounded(schema, name, "output schema"));
    }

    /** How many bytes this tool takes as compact JSON: its name, texts and schemas. */
    public long encodedBytes() {
        return JsonValue.size(inputSchema).bytes()
                + outputSchema.map(schema -> JsonValue.size(schema).bytes()).orElse(0L)
                + textBytes(name) + title.map(Tool::textBytes).orElse(0L) + description.map(Tool::textBytes).orElse(0L);
    }

    private static long textBytes(String text) {
        return JsonValue.size(JsonValue.string(text)).bytes();
    }

    /**
     * A tool with only a name, an optional description and an input schema, its category
     * inferred — the shape of the seed's {@code tools_json} entries.
     */
    public static Tool of(String name, Optional<String> description, JsonObject inputSchema) {
        return new Tool(name, Optional.empty(), description, inputSchema, Optional.empty(),
                ToolAnnotations.NONE, ToolCategory.infer(name, description));
    }

    /** Same tool, with the given category. */
    public Tool withCategory(ToolCategory newCategory) {
        return new Tool(name, title, description, inputSchema, outputSchema, annotations, newCategory);
    }

    private static void requireBounded(JsonObject schema, String toolName, String which) {
        var size = JsonValue.size(schema);
        if (!size.wellFormed()) {
            throw new InvalidValueException("the " + which + " of tool \"" + toolName + "\" must be well-formed Unicode"
                    + " text, but a key or string in it has an unpaired surrogate, which storage cannot keep");
        }
        if (size.depth() > MAX_SCHEMA_DEPTH) {
            throw new InvalidValueException("the " + which + " of tool \"" + toolName + "\" nests " + size.depth()
                    + " levels deep; at most " + MAX_SCHEMA_DEPTH + " are kept (Tool.MAX_SCHEMA_DEPTH)");
        }
        if (size.bytes() > MAX_SCHEMA_BYTES) {
            throw new InvalidValueException("the " + which + " of tool \"" + toolName + "\" is " + size.bytes()
                    + " bytes of JSON; at most " + MAX_SCHEMA_BYTES + " (8 MiB) are kept per schema"
                    + " (Tool.MAX_SCHEMA_BYTES)");
        }
    }

    // The MCP specification requires "type": "object" at the root of both schemas; an absent type
    // is accepted because older servers and the seed's rows omit it.
    private static void requireObjectType(JsonObject schema, String toolName, String which) {
        schema.get("type").ifPresent(type -> {
            if (!type.equals(JsonValue.string("object"))) {
                throw new InvalidValueException("the " + which + " of tool \"" + toolName
                        + "\" must have \"type\": \"object\" at its root, but has \"type\": " + type);
            }
        });
    }
}
