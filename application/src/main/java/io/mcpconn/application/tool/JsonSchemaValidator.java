package io.mcpconn.application.tool;

import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import java.util.List;

/**
 * Outbound port: checks a JSON value against a JSON Schema, as a real validator does (the schema's
 * {@code $schema} dialect, defaulting to draft 2020-12, which MCP specifies for tool schemas).
 * Tool arguments are checked before they are sent, so an agent learns what is wrong without a
 * round trip.
 */
@FunctionalInterface
public interface JsonSchemaValidator {

    /**
     * What is wrong with {@code value} under {@code schema}, one message per problem naming where
     * (e.g. {@code $.message: required property is missing}); empty if it is valid.
     */
    List<String> violations(JsonObject schema, JsonValue value);
}
