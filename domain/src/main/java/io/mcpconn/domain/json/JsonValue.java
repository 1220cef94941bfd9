package io.mcpconn.domain.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON tree. Tool schemas live in the domain as these values, so the domain can
 * compare and keep them without depending on a JSON library; adapters translate to and from
 * their parser's tree.
 *
 * <p>{@link #toString()} renders compact JSON, which is what logs and diffs of schemas want.
 */
public sealed interface JsonValue
        permits JsonValue.JsonObject, JsonValue.JsonArray, JsonValue.JsonString,
                JsonValue.JsonNumber, JsonValue.JsonBoolean, JsonValue.JsonNull {

    /** An object with the given members, in the map's iteration order. */
    static JsonObject object(Map<String, ? extends JsonValue> members) {
        return new JsonObject(new java.util.LinkedHashMap<>(members));
    }

    /** A JSON text value. */
    static JsonString string(String value) {
        return new JsonString(value);
    }

    /** A JSON number. */
    static JsonNumber number(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    /** A JSON {@code true} or {@code false}. */
    static JsonBoolean bool(boolean value) {
        return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
    }

    /**
     * How deep {@code value} nests and how many bytes its compact JSON text takes in UTF-8, found
     * in one pass without building the text. Iterative, so that no tree is too deep to measure.
     */
    static Size size(JsonValue value) {
        Objects.requireNonNull(value, "value");
        var pending = new java.util.ArrayDeque<JsonValue>();
        var depths = new java.util.ArrayDeque<Integer>();
        pending.push(value);
        depths.push(0);
        int deepest = 0;
        long bytes = 0;
        while (!pending.isEmpty()) {
            var next = pending.pop();
            int depth = depths.pop();
            if (next instanceof JsonObject object) {
                deepest = Math.max(deepest, depth + 1);
                bytes += 2 + Math.max(0, object.members().size() - 1);
                for (var member : object.members().entrySet()) {
                    bytes += JsonString.utf8Length(member.getKey()) + 1;
                    pending.push(member.getValue());
                    depths.push(depth + 1);
                }
            } else if (next instanceof JsonArray array) {
                deepest = Math.max(deepest, depth + 1);
                bytes += 2 + Math.max(0, array.elements().size() - 1);
                for (var element : array.elements()) {
                    pending.push(element);
                    depths.push(depth + 1);
                }
            } else if (next instanceof JsonString string) {
                bytes += JsonString.utf8Length(string.value());
            } else {
                bytes += next.toString().length();
            }
        }
        return new Size(deepest, bytes);
    }

    /**
     * What {@link #size(JsonValue)} found.
     *
     * @param depth how many objects and arrays nest at the deepest point; 0 for a plain value
     * @param bytes the length of the compact JSON text in UTF-8
     */
    record Size(int depth, long bytes) {
    }

    /** An object: members keep the order they were given in; keys are unique. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {

        /** The empty object {@code {}}. */
        public static final JsonObject EMPTY = new JsonObject(Map.of());

        public JsonObject {
            Objects.requireNonNull(members, "members");
            var copy = new LinkedHashMap<String, JsonValue>();
            members.forEach((key, value) -> copy.put(
                    Objects.requireNonNull(key, "JSON object key"),
                    Objects.requireNonNull(value, () -> "JSON value of \"" + key + "\"")));
            members = Collections.unmodifiableMap(copy);
        }

        /** The member named {@code key}, if there is one. */
        public Optional<JsonValue> get(String key) {
            return Optional.ofNullable(members.get(key));
        }

        @Override
        public String toString() {
            var out = new StringBuilder("{");
            members.forEach((key, value) -> {
                if (out.length() > 1) {
                    out.append(',');
                }
                JsonString.quote(key, out);
                out.append(':').append(value);
            });
            return out.append('}').toString();
        }
    }

    /** An array, in order. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {

        public JsonArray {
            elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
        }

        @Override
        public String toString() {
            var out = new StringBuilder("[");
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(elements.get(i));
            }
            return out.append(']').toString();
        }
    }

    /** A string. */
    record JsonString(String value) implements JsonValue {

        public JsonString {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            var out = new StringBuilder();
            quote(value, out);
            return out.toString();
        }

        /** The length in UTF-8 of this text quoted as {@link #quote} writes it. */
        static long utf8Length(String text) {
            long length = 2;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                    length += 2;
                } else if (c < 0x20) {
                    length += 6;
                } else if (c < 0x80) {
                    length += 1;
                } else if (c < 0x800) {
                    length += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    length += 4;
                    i++;
                } else {
                    length += 3;
                }
            }
            return length;
        }

        static void quote(String text, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    /**
     * A number. Kept as a {@link BigDecimal} without trailing zeros so that {@code 1}, {@code 1.0}
     * and {@code 1e0} are the same value, as JSON Schema treats them.
     */
    record JsonNumber(BigDecimal value) implements JsonValue {

        public JsonNumber {
            value = Objects.requireNonNull(value, "value").stripTrailingZeros();
        }

        @Override
        public String toString() {
            return value.scale() <= 0 && value.precision() - value.scale() <= 19
                    ? value.toBigInteger().toString()
                    : value.toString();
        }
    }

    /** {@code true} or {@code false}. */
    enum JsonBoolean implements JsonValue {
        TRUE, FALSE;

        /** The Java value. */
        public boolean value() {
            return this == TRUE;
        }

        @Override
        public String toString() {
            return this == TRUE ? "true" : "false";
        }
    }

    /** {@code null}. */
    enum JsonNull implements JsonValue {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }
}
