package io.mcpconn.infrastructure.jdbc.connection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonArray;
import io.mcpconn.domain.json.JsonValue.JsonBoolean;
import io.mcpconn.domain.json.JsonValue.JsonNull;
import io.mcpconn.domain.json.JsonValue.JsonNumber;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.json.JsonValue.JsonString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Tool schemas in {@code tools_json}, read from the parser's tokens straight into the domain's
 * JSON tree: going through Jackson's own tree first built every schema twice on every read.
 * Written token by token for the same reason.
 */
final class SchemaJson {

    private SchemaJson() {
    }

    /** What kind of JSON value other than an object {@code value} is, in the words of a column problem. */
    static String kind(JsonValue value) {
        if (value instanceof JsonArray) {
            return "array";
        }
        if (value instanceof JsonString) {
            return "string";
        }
        return value instanceof JsonNumber ? "number" : "boolean";
    }

    /** Reads one JSON value from the parser on its first token; Jackson's nesting limit bounds the recursion. */
    static JsonValue read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                var members = new LinkedHashMap<String, JsonValue>();
                for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                    parser.nextToken();
                    members.put(key, read(parser));
                }
                return new JsonObject(members);
            }
            case START_ARRAY -> {
                var elements = new ArrayList<JsonValue>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(parser));
                }
                return new JsonArray(elements);
            }
            case VALUE_STRING -> {
                return new JsonString(parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonNumber(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return JsonValue.bool(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return JsonNull.INSTANCE;
            }
            // A text parser gives no other value tokens.
            default -> throw new JsonParseException(parser, "unexpected " + token + " in a schema");
        }
    }

    /** Writes one JSON value token by token, members in order, numbers as the domain writes them. */
    static final class Writer extends StdSerializer<JsonValue> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(JsonValue.class);
        }

        @Override
        public void serialize(JsonValue value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            write(value, generator);
        }

        // Tool validation bounds schemas to 64 levels, so the recursion is shallow.
        private static void write(JsonValue value, JsonGenerator generator) throws IOException {
            if (value instanceof JsonObject object) {
                generator.writeStartObject();
                for (var member : object.members().entrySet()) {
                    generator.writeFieldName(member.getKey());
                    write(member.getValue(), generator);
                }
                generator.writeEndObject();
            } else if (value instanceof JsonArray array) {
                generator.writeStartArray();
                for (var element : array.elements()) {
                    write(element, generator);
                }
                generator.writeEndArray();
            } else if (value instanceof JsonString string) {
                generator.writeString(string.value());
            } else if (value instanceof JsonNumber number) {
                // The domain's text: 300, never 3E+2 (a float to the Python service's json module).
                generator.writeNumber(number.toString());
            } else if (value instanceof JsonBoolean bool) {
                generator.writeBoolean(bool.value());
            } else {
                generator.writeNull();
            }
        }
    }
}
