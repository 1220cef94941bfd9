package io.mcpconn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.infrastructure.mcp.JsonTrees;

/** JSON typed on the command line, as the domain's JSON values. */
final class CliJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CliJson() {
    }

    /**
     * Parses a JSON object.
     *
     * @throws IllegalArgumentException saying where the text stops being one
     */
    static JsonObject object(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + (e.getLocation() == null ? ""
                    : " at column " + e.getLocation().getColumnNr()));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("got " + (node == null ? "nothing" : "a JSON " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT)));
        }
        return (JsonObject) JsonTrees.toDomain(node);
    }

    /** A domain JSON value as Jackson's tree, for documents. */
    static JsonNode tree(JsonValue value) {
        return JsonTrees.toJackson(value);
    }
}
