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
import java.util.ArrayList;
import java.util.LinkedHashMap;

/** Translates between Jackson's JSON tree and the domain's, which knows no Jackson. */
final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    static JsonValue toDomain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> toDomainObject(node);
            case ARRAY -> {
                var elements = new ArrayList<JsonValue>(node.size());
                node.forEach(element -> elements.add(toDomain(element)));
                yield new JsonArray(elements);
            }
            case STRING -> new JsonString(node.textValue());
            case NUMBER -> new JsonNumber(node.decimalValue());
            case BOOLEAN -> JsonValue.bool(node.booleanValue());
            case NULL, MISSING -> JsonNull.INSTANCE;
            case BINARY, POJO -> new JsonString(node.asText());
        };
    }

    static JsonObject toDomainObject(JsonNode node) {
        var members = new LinkedHashMap<String, JsonValue>();
        node.properties().forEach(entry -> members.put(entry.getKey(), toDomain(entry.getValue())));
        return new JsonObject(members);
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
