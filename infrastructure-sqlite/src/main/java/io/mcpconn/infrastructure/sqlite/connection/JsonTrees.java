package io.mcpconn.infrastructure.sqlite.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonArray;
import io.mcpconn.domain.json.JsonValue.JsonBoolean;
import io.mcpconn.domain.json.JsonValue.JsonNull;
import io.mcpconn.domain.json.JsonValue.JsonNumber;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.json.JsonValue.JsonString;

/** Translates the domain's JSON tree, which knows no Jackson, into Jackson's for writing. */
final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    // Java 17 has no pattern matching in switch; the sealed hierarchy keeps this chain complete.
    static JsonNode toJackson(JsonValue value) {
        if (value instanceof JsonObject object) {
            ObjectNode node = NODES.objectNode();
            object.members().forEach((key, member) -> node.set(key, toJackson(member)));
            return node;
        }
        if (value instanceof JsonArray array) {
            ArrayNode node = NODES.arrayNode(array.elements().size());
            array.elements().forEach(element -> node.add(toJackson(element)));
            return node;
        }
        if (value instanceof JsonString string) {
            return NODES.textNode(string.value());
        }
        if (value instanceof JsonNumber number) {
            return NODES.numberNode(number.value());
        }
        if (value instanceof JsonBoolean bool) {
            return NODES.booleanNode(bool.value());
        }
        return NODES.nullNode();
    }
}
