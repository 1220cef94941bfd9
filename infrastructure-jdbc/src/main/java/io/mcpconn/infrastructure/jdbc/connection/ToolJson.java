package io.mcpconn.infrastructure.jdbc.connection;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.mcpconn.domain.json.JsonValue;

/**
 * One entry of {@code tools_json}: the seed's {@code name}, {@code description},
 * {@code input_schema} and {@code category}, plus the MCP fields the seed lacks. Absent optional
 * fields are left out rather than written as {@code null}. The camelCase spellings MCP itself uses
 * are accepted when reading.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "title", "description", "input_schema", "output_schema", "annotations", "category"})
record ToolJson(
        @JsonProperty("name") String name,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("input_schema") @JsonAlias("inputSchema")
        @JsonDeserialize(using = SchemaJson.Reader.class) @JsonSerialize(using = SchemaJson.Writer.class)
        JsonValue inputSchema,
        @JsonProperty("output_schema") @JsonAlias("outputSchema")
        @JsonDeserialize(using = SchemaJson.Reader.class) @JsonSerialize(using = SchemaJson.Writer.class)
        JsonValue outputSchema,
        @JsonProperty("annotations") Annotations annotations,
        @JsonProperty("category") String category) {

    /** MCP's tool annotations, under MCP's own names. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"})
    record Annotations(
            @JsonProperty("readOnlyHint") @JsonAlias("read_only_hint") Boolean readOnlyHint,
            @JsonProperty("destructiveHint") @JsonAlias("destructive_hint") Boolean destructiveHint,
            @JsonProperty("idempotentHint") @JsonAlias("idempotent_hint") Boolean idempotentHint,
            @JsonProperty("openWorldHint") @JsonAlias("open_world_hint") Boolean openWorldHint) {
    }
}
