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
        // The constructor copies; the view only gives the map the component's type.
        return new JsonObject(Collections.unmodifiableMap(members));
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
        return value instanceof JsonObject object ? object.measured() : measure(value);
    }

    private static Size measure(JsonValue value) {
        // Two parallel arrays rather than deques of boxed depths: this runs over every schema read.
        JsonValue[] pending = new JsonValue[16];
        int[] depths = new int[16];
        pending[0] = value;
        int top = 1;
        int deepest = 0;
        long bytes = 0;
        boolean wellFormed = true;
        while (top > 0) {
            top--;
            var next = pending[top];
            int depth = depths[top];
            pending[top] = null;
            Iterable<JsonValue> children;
            if (next instanceof JsonObject object) {
                var members = object.members();
                bytes += 2 + Math.max(0, members.size() - 1);
                for (var key : members.keySet()) {
                    long length = JsonString.encodedLength(key);
                    wellFormed &= length >= 0;
                    bytes += (length < 0 ? ~length : length) + 1;
                }
                children = members.values();
            } else if (next instanceof JsonArray array) {
                bytes += 2 + Math.max(0, array.elements().size() - 1);
                children = array.elements();
            } else {
                long length = leafBytes(next);
                wellFormed &= length >= 0;
                bytes += length < 0 ? ~length : length;
                continue;
            }
            deepest = Math.max(deepest, depth + 1);
            for (var child : children) {
                if (child instanceof JsonObject || child instanceof JsonArray) {
                    if (top == pending.length) {
                        pending = java.util.Arrays.copyOf(pending, top * 2);
                        depths = java.util.Arrays.copyOf(depths, top * 2);
                    }
                    pending[top] = child;
                    depths[top] = depth + 1;
                    top++;
                } else {
                    long length = leafBytes(child);
                    wellFormed &= length >= 0;
                    bytes += length < 0 ? ~length : length;
                }
            }
        }
        return new Size(deepest, bytes, wellFormed);
    }

    // As JsonString.encodedLength: the complement if the text has an unpaired surrogate.
    private static long leafBytes(JsonValue leaf) {
        return leaf instanceof JsonString string ? JsonString.encodedLength(string.value()) : leaf.toString().length();
    }

    /**
     * What {@link #size(JsonValue)} found.
     *
     * @param depth how many objects and arrays nest at the deepest point; 0 for a plain value
     * @param bytes the length of the compact JSON text in UTF-8
     * @param wellFormed whether every key and string is well-formed Unicode: UTF-8 has no form for an
     *        unpaired surrogate, so storage would keep a replacement character instead
     */
    record Size(int depth, long bytes, boolean wellFormed) {

        /** The size of well-formed JSON. */
        public Size(int depth, long bytes) {
            this(depth, bytes, true);
        }
    }

    /**
     * An object: members keep the order they were given in; keys are unique. A final class rather
     * than a record only so that it can remember its {@link JsonValue#size}, which every tool read
     * from storage asks for twice (its bound, then its catalog's).
     */
    final class JsonObject implements JsonValue {

        /** The empty object {@code {}}. */
        public static final JsonObject EMPTY = new JsonObject(Map.of());

        private final Map<String, JsonValue> members;
        // Found on first use; two threads racing only find the same value twice.
        private Size size;

        /**
         * @param members the members, copied in the map's iteration order; no null keys or values
         */
        public JsonObject(Map<String, JsonValue> members) {
            Objects.requireNonNull(members, "members");
            var copy = new LinkedHashMap<String, JsonValue>();
            members.forEach((key, value) -> copy.put(
                    Objects.requireNonNull(key, "JSON object key"),
                    Objects.requireNonNull(value, () -> "JSON value of \"" + key + "\"")));
            this.members = Collections.unmodifiableMap(copy);
        }

        /** The members, in order; unmodifiable. */
        public Map<String, JsonValue> members() {
            return members;
        }

        /** The member named {@code key}, if there is one. */
        public Optional<JsonValue> get(String key) {
            return Optional.ofNullable(members.get(key));
        }

        Size measured() {
            var known = size;
            if (known == null) {
                known = measure(this);
                size = known;
            }
            return known;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JsonObject object && members.equals(object.members);
        }

        @Override
        public int hashCode() {
            return members.hashCode();
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
            long length = encodedLength(text);
            return length < 0 ? ~length : length;
        }

        /**
         * As {@link #utf8Length}, but its complement (a negative number) if the text has an
         * unpaired surrogate, found in the same pass.
         */
        static long encodedLength(String text) {
            boolean lone = false;
            long length = 2;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // Printable ASCII first: nearly every character of a schema.
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    length += 1;
                } else if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                    length += 2;
                } else if (c < 0x20) {
                    length += 6;
                } else if (c < 0x800) {
                    length += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    length += 4;
                    i++;
                } else {
                    lone |= Character.isSurrogate(c);
                    length += 3;
                }
            }
            return lone ? ~length : length;
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
