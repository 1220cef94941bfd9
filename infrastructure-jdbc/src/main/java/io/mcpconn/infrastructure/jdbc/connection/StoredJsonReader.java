package io.mcpconn.infrastructure.jdbc.connection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.infrastructure.jdbc.connection.ConnectionJson.ColumnValueException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored JSON columns from the parser's tokens into {@link ConfigJson} and
 * {@link ToolJson}, with jackson-core alone. Jackson's data binding costs a short-lived process
 * (every {@code mcpconn connections} command) about 50 ms to introspect these records before it
 * reads the first row; the columns are small and fixed, so their keys are matched here instead.
 * Leniency is data binding's: unknown keys are skipped, scalars are taken for text, numbers may be
 * written as strings, and the last of two equal keys wins. A value of the wrong kind fails naming
 * the key and the kind it holds, never the value, which may be a secret.
 */
final class StoredJsonReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int MAX_EXPONENT = 30;

    private final JsonParser parser;

    private StoredJsonReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Parses {@code text} as one JSON value, of which nothing may follow. */
    static <T> T parse(String text, Reading<T> reading) throws IOException {
        try (var parser = JSON.createParser(text)) {
            var reader = new StoredJsonReader(parser);
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "no content: the column is empty");
            }
            T value = reading.read(reader);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser,
                        "more than one JSON value: something follows the first");
            }
            return value;
        }
    }

    /** How one value is read, the parser positioned on its first token. */
    @FunctionalInterface
    interface Reading<T> {
        T read(StoredJsonReader reader) throws IOException;
    }

    /**
     * Reads the members of an object through {@code member}, the parser on each value; a member it
     * does not take is skipped as unknown. {@code false} for JSON {@code null}; anything else fails.
     */
    boolean members(String key, MemberReading member) throws IOException {
        var token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        expect(token == JsonToken.START_OBJECT, key, "an object");
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            if (!member.read(name)) {
                parser.skipChildren();
            }
        }
        return true;
    }

    /** Reads one member of an object, the parser on its value. */
    @FunctionalInterface
    interface MemberReading {

        /** {@code false} when the member is unknown, leaving its value unread. */
        boolean read(String name) throws IOException;
    }

    /** Reads an array, or {@code null}, element by element through {@code element}. */
    <T> List<T> array(String key, Reading<T> element) throws IOException {
        var token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token == JsonToken.START_ARRAY, key, "an array");
        var elements = new ArrayList<T>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(element.read(this));
        }
        return elements;
    }

    /** Text, or {@code null}; a number or a boolean is taken as its text. */
    String text(String key) throws IOException {
        var token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token.isScalarValue(), key, "text");
        return parser.getText();
    }

    /** A number, or a string holding one, or {@code null}; one beyond 10^±30 fails. */
    BigDecimal decimal(String key) throws IOException {
        var token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        BigDecimal value;
        if (token.isNumeric()) {
            value = parser.getDecimalValue();
        } else {
            expect(token == JsonToken.VALUE_STRING, key, "a number");
            try {
                value = new BigDecimal(parser.getText().strip());
            } catch (NumberFormatException e) {
                throw problem(key, "a number", "a string that is not one");
            }
        }
        // 1e999999999 is short to write, but turning it into an int or a long computes 10^999999999
        // and hangs the reader; no number of these columns lies beyond 10^±30.
        if (Math.abs((long) value.precision() - value.scale()) > MAX_EXPONENT) {
            throw problem(key, "a number", "a number out of range");
        }
        return value;
    }

    /** A whole number within int's range (a fraction is cut, as data binding does), or {@code null}. */
    Integer integer(String key) throws IOException {
        var value = decimal(key);
        if (value == null) {
            return null;
        }
        try {
            return value.setScale(0, RoundingMode.DOWN).intValueExact();
        } catch (ArithmeticException e) {
            throw problem(key, "a whole number", "a number out of range");
        }
    }

    /** {@code true} or {@code false}, also written as a string or as 1 or 0, or {@code null}. */
    Boolean bool(String key) throws IOException {
        var token = parser.currentToken();
        switch (token) {
            case VALUE_NULL -> {
                return null;
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return token == JsonToken.VALUE_TRUE;
            }
            case VALUE_STRING -> {
                var text = parser.getText().strip();
                if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                    return Boolean.valueOf(text);
                }
                throw problem(key, "a boolean", "a string that is not one");
            }
            case VALUE_NUMBER_INT -> {
                var number = parser.getDecimalValue();
                if (number.signum() == 0 || number.equals(BigDecimal.ONE)) {
                    return number.signum() != 0;
                }
                throw problem(key, "a boolean", "a number other than 0 or 1");
            }
            default -> throw problem(key, "a boolean", kind(token));
        }
    }

    /** An object of text values (each may be {@code null}), or {@code null}. */
    Map<String, String> textMap(String key) throws IOException {
        var values = new LinkedHashMap<String, String>();
        return members(key, name -> {
            values.put(name, text(key + "." + name));
            return true;
        }) ? values : null;
    }

    /** An array of text values (each may be {@code null}), or {@code null}. */
    List<String> textList(String key) throws IOException {
        return array(key, reader -> reader.text(key + "[]"));
    }

    /** Any JSON value as the domain's tree, or {@code null} for JSON null, as if the key were absent. */
    JsonValue valueOrNull() throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : SchemaJson.read(parser);
    }

    private void expect(boolean holds, String key, String wanted) {
        if (!holds) {
            throw problem(key, wanted, kind(parser.currentToken()));
        }
    }

    private ColumnValueException problem(String key, String wanted, String found) {
        var where = parser.currentLocation();
        return new ColumnValueException("is not valid JSON for this column: " + (key.isEmpty() ? "the value" : "\"" + key + "\"")
                + " must be " + wanted + ", not " + found + " (line " + where.getLineNr() + ", column "
                + where.getColumnNr() + ")");
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "null";
        };
    }
}
