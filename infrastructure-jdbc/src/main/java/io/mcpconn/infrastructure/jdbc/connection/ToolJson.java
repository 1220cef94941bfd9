package io.mcpconn.infrastructure.jdbc.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.mcpconn.domain.json.JsonValue;
import java.io.IOException;

/**
 * One entry of {@code tools_json}: the seed's {@code name}, {@code description},
 * {@code input_schema} and {@code category}, plus the MCP fields the seed lacks. Absent optional
 * fields are left out rather than written as {@code null}. The camelCase spellings MCP itself uses
 * are accepted when reading. Written with Jackson's data binding; read by {@link StoredJsonReader},
 * so that reading a row does not start data binding.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "title", "description", "input_schema", "output_schema", "annotations", "category"})
record ToolJson(
        @JsonProperty("name") String name,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("input_schema")
        @JsonSerialize(using = SchemaJson.Writer.class)
        JsonValue inputSchema,
        @JsonProperty("output_schema")
        @JsonSerialize(using = SchemaJson.Writer.class)
        JsonValue outputSchema,
        @JsonProperty("annotations") Annotations annotations,
        @JsonProperty("category") String category) {

    /** Reads the tool object the parser is on, or {@code null} for JSON null. */
    static ToolJson read(StoredJsonReader json) throws IOException {
        var read = new Members();
        return json.members("tool", name -> read.member(name, json)) ? read.tool() : null;
    }

    /** The members read so far; what is never read stays {@code null}, as data binding leaves it. */
    private static final class Members {
        private String name;
        private String title;
        private String description;
        private JsonValue inputSchema;
        private JsonValue outputSchema;
        private Annotations annotations;
        private String category;

        boolean member(String key, StoredJsonReader json) throws IOException {
            switch (key) {
                case "name" -> name = json.text(key);
                case "title" -> title = json.text(key);
                case "description" -> description = json.text(key);
                case "input_schema", "inputSchema" -> inputSchema = json.valueOrNull();
                case "output_schema", "outputSchema" -> outputSchema = json.valueOrNull();
                case "annotations" -> annotations = Annotations.read(json);
                case "category" -> category = json.text(key);
                default -> {
                    return false;
                }
            }
            return true;
        }

        ToolJson tool() {
            return new ToolJson(name, title, description, inputSchema, outputSchema, annotations, category);
        }
    }

    /** MCP's tool annotations, under MCP's own names. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"})
    record Annotations(
            @JsonProperty("readOnlyHint") Boolean readOnlyHint,
            @JsonProperty("destructiveHint") Boolean destructiveHint,
            @JsonProperty("idempotentHint") Boolean idempotentHint,
            @JsonProperty("openWorldHint") Boolean openWorldHint) {

        static Annotations read(StoredJsonReader json) throws IOException {
            var hints = new Boolean[4];
            return json.members("annotations", name -> {
                int hint = switch (name) {
                    case "readOnlyHint", "read_only_hint" -> 0;
                    case "destructiveHint", "destructive_hint" -> 1;
                    case "idempotentHint", "idempotent_hint" -> 2;
                    case "openWorldHint", "open_world_hint" -> 3;
                    default -> -1;
                };
                if (hint >= 0) {
                    hints[hint] = json.bool("annotations." + name);
                }
                return hint >= 0;
            }) ? new Annotations(hints[0], hints[1], hints[2], hints[3]) : null;
        }
    }
}
