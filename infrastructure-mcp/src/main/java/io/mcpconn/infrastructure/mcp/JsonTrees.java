package io.mcpconn.infrastructure.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates the domain's immutable JSON tree to and from Jackson's tree (for any adapter that
 * reads or writes JSON documents), and to and from the plain {@code Map}/{@code List} values the
 * MCP SDK uses for schemas, arguments and structured results (inside this package).
 *
 * <p>Numbers keep their exact value both ways: integers are written as integers, decimals as the
 * domain holds them.
 */
public final class JsonTrees {

    private static final TypeReference<Map<String, Object>> PLAIN_OBJECT = new TypeReference<>() {
    };
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    JsonTrees(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The mapper the SDK is given too. Decimals stay {@link BigDecimal} so that a number a server
     * sends reaches the domain exactly; unknown properties are ignored so that a newer server's
     * additions do not break an older client.
     */
    static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** {@code value} as Jackson's tree. */
    public static JsonNode toJackson(JsonValue value) {
        var nodes = NODES;
        if (value instanceof JsonObject) {
            ObjectNode object = nodes.objectNode();
            ((JsonObject) value).members().forEach((key, member) -> object.set(key, toJackson(member)));
            return object;
        }
        if (value instanceof JsonArray) {
            ArrayNode array = nodes.arrayNode();
            ((JsonArray) value).elements().forEach(element -> array.add(toJackson(element)));
            return array;
        }
        if (value instanceof JsonString) {
            return nodes.textNode(((JsonString) value).value());
        }
        if (value instanceof JsonNumber) {
            return number(((JsonNumber) value).value());
        }
        if (value instanceof JsonBoolean) {
            return nodes.booleanNode(((JsonBoolean) value).value());
        }
        return nodes.nullNode();
    }

    /** Jackson's tree as the domain's; a missing node is JSON {@code null}. */
    public static JsonValue toDomain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JsonNull.INSTANCE;
        }
        if (node.isObject()) {
            var members = new LinkedHashMap<String, JsonValue>();
            node.properties().forEach(entry -> members.put(entry.getKey(), toDomain(entry.getValue())));
            return new JsonObject(members);
        }
        if (node.isArray()) {
            var elements = new ArrayList<JsonValue>(node.size());
            node.forEach(element -> elements.add(toDomain(element)));
            return new JsonArray(elements);
        }
        if (node.isNumber()) {
            // JSON has no NaN or infinity; only a Java value could carry one, and null is the closest JSON.
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                return JsonNull.INSTANCE;
            }
            return new JsonNumber(node.decimalValue());
        }
        if (node.isBoolean()) {
            return JsonValue.bool(node.booleanValue());
        }
        return new JsonString(node.asText());
    }

    /** A plain value (maps, lists, strings, numbers, booleans, null) as the domain's tree. */
    JsonValue fromPlain(Object plain) {
        return toDomain(mapper.valueToTree(plain));
    }

    /** A plain object as the domain's object; a value that is not an object is refused. */
    JsonObject objectFromPlain(Object plain, String what) {
        var value = fromPlain(plain);
        if (!(value instanceof JsonObject)) {
            throw new IllegalArgumentException(what + " must be a JSON object, but is " + abbreviated(value));
        }
        return (JsonObject) value;
    }

    /** The domain's object as the plain map the SDK sends. */
    Map<String, Object> toPlain(JsonObject object) {
        return mapper.convertValue(toJackson(object), PLAIN_OBJECT);
    }

    private static JsonNode number(BigDecimal value) {
        var nodes = NODES;
        // Integers are written without exponent or fraction, as servers written in any language expect.
        if (value.signum() == 0 || value.scale() <= 0) {
            if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
                return nodes.numberNode(value.longValueExact());
            }
            BigInteger integer = value.toBigIntegerExact();
            return nodes.numberNode(integer);
        }
        return nodes.numberNode(value);
    }

    static String abbreviated(JsonValue value) {
        var text = value.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
