package io.mcpconn.testkit.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of what another program may leave in a stored connection's columns: JSON trees
 * with wrong types, missing and extra keys, huge numbers, deep nesting, NaN-like strings and odd
 * unicode, text that is no JSON at all, and timestamps in every shape. Every value is a pure
 * function of the seed, so a failing case is reproduced by running again with the seed it printed
 * ({@code -Dmcpconn.fuzz.seed=…}).
 */
public final class StoredRowFuzz {

    /** The system property that overrides the default seed. */
    public static final String SEED_PROPERTY = "mcpconn.fuzz.seed";

    private static final String[] CONFIG_KEYS = {"server_name", "url", "transport", "command", "args", "env",
        "working_directory", "timeout", "retry_attempts", "api_key", "auth_required", "headers", "secret_headers",
        "auth", "type"};
    private static final String[] TOOL_KEYS = {"name", "title", "description", "input_schema", "output_schema",
        "annotations", "category", "inputSchema", "type", "properties"};
    private static final String[] ODD_STRINGS = {"", "NaN", "-NaN", "Infinity", "-Infinity", "null", "true", "0x1F",
        "1e999", "\\u0000", "\\ud800", "\\udfff\\ud800", "\\\"", "\u00e9\u4e2d\ud83d\ude00", "\u202e\u200b", "a\\nb",
        "http://", "ftp://x", "stdio", "http", "enc:v1:", "enc:v1:AAAA", "enc:v9:xyz", "../../etc/passwd", " "};
    private static final String[] ODD_NUMBERS = {"0", "-0", "1", "-1", "2147483648", "-9223372036854775809",
        "123456789012345678901234567890123456789", "1e400", "-1e400", "1.5e-400", "0.5", "30.0", "3e1",
        "1E+2", "99999999999999999999.5"};
    private static final String[] NOT_JSON = {"", " ", "{", "[", "}", "]", "{oops", "[1, 2,", "nul", "{\"a\":}",
        "'single'", "{'a': 1}", "NaN", "Infinity", "undefined", "\u0000", "\ufeff[]", "[]]", "{}{}", "// x\n{}",
        "<xml/>", "\"unterminated", "{\"a\": 1,}", "[1 2]", "\u00ff\u00fe"};
    private static final String[] TIMES = {"", " ", "yesterday", "now", "0", "-1", "1731418200", "1731418200000",
        "1.5", "2025-13-45 99:00:00", "2025-02-30 12:00:00", "2025-11-12", "2025-11-12T13:30:00Z",
        "2025-11-12T13:30:00+05:00", "2025-11-12 13:30:00.123456789123", "2025-11-12 13:30:00.123456",
        "2025-11-12 13:30:00", "0000-00-00 00:00:00", "0000-01-01 00:00:00", "-0001-01-01 00:00:00",
        "99999-01-01 00:00:00", "+999999999-12-31 23:59:59", "1970-01-01 00:00:00", "9999-12-31 23:59:59.999999",
        "12/11/2025 13:30", "Wed, 12 Nov 2025 13:30:00 GMT", "2025-11-12 25:61:61", "2025-11-12 13:30:00 UTC",
        "\u0662\u0660\u0662\u0665-11-12 13:30:00", "infinity", "-infinity", "NaN", "2025-11-12\u000013:30:00"};

    private final Random random;

    public StoredRowFuzz(long seed) {
        this.random = new Random(seed);
    }

    /** The seed from {@value #SEED_PROPERTY}, or {@code fallback}. */
    public static long seed(long fallback) {
        return Long.getLong(SEED_PROPERTY, fallback);
    }

    public Random random() {
        return random;
    }

    /** A stored value for a column, and whether it is the value the adapter itself wrote (left alone). */
    public record Value(String text, boolean intact) {
    }

    /** A value for {@code config_json}; {@code jsonOnly} keeps it valid JSON (for JSONB columns). */
    public Value configJson(boolean jsonOnly) {
        return json(() -> render(config()), jsonOnly);
    }

    /** A value for {@code tools_json}; {@code jsonOnly} keeps it valid JSON (for JSONB columns). */
    public Value toolsJson(boolean jsonOnly) {
        return json(() -> render(tools()), jsonOnly);
    }

    /** A value for a time column: any text, or a time a timestamp column accepts if {@code timesOnly}. */
    public Value timestamp(boolean timesOnly, boolean nullable) {
        int pick = random.nextInt(10);
        if (pick < 4) {
            return new Value(null, true);
        }
        if (pick == 4 && nullable) {
            return new Value(null, false);
        }
        if (timesOnly) {
            String[] times = {"1970-01-01 00:00:00+00", "4713-01-01 00:00:00+00 BC", "294276-12-31 23:59:59+00",
                "0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00", "2025-11-12 13:30:00+14",
                "2025-11-12 13:30:00-12", "infinity", "-infinity", "2000-02-29 00:00:00+00",
                "1582-10-10 00:00:00+00", "0001-01-01 00:00:00+00 BC"};
            return new Value(times[random.nextInt(times.length)], false);
        }
        if (pick < 8) {
            return new Value(TIMES[random.nextInt(TIMES.length)], false);
        }
        return new Value(randomText(1 + random.nextInt(pick == 9 ? 300 : 30)), false);
    }

    private interface Tree {
        Object make();
    }

    private Value json(Tree tree, boolean jsonOnly) {
        int pick = random.nextInt(jsonOnly ? 12 : 16);
        if (pick < 3) {
            return new Value(null, true);
        }
        if (pick < 9) {
            return new Value(render(tree.make()), false);
        }
        if (pick == 9) {
            return new Value(render(anyTree(4)), false);
        }
        if (pick == 10) {
            return new Value(deeplyNested(1 + random.nextInt(20_000)), false);
        }
        if (pick == 11) {
            return new Value(render(random.nextBoolean() ? List.of() : new LinkedHashMap<>()), false);
        }
        if (pick == 12) {
            return new Value(NOT_JSON[random.nextInt(NOT_JSON.length)], false);
        }
        String whole = render(tree.make());
        if (pick == 13 && whole.length() > 1) {
            return new Value(whole.substring(0, random.nextInt(whole.length())), false);
        }
        if (pick == 14) {
            return new Value(randomText(random.nextInt(200)), false);
        }
        var spliced = new StringBuilder(whole);
        spliced.insert(random.nextInt(whole.length() + 1), NOT_JSON[random.nextInt(NOT_JSON.length)]);
        return new Value(spliced.toString(), false);
    }

    /** A configuration close to a real one, with a few of its fields broken. */
    private Map<String, Object> config() {
        var config = new LinkedHashMap<String, Object>();
        if (random.nextBoolean()) {
            config.put("server_name", "fuzz");
            config.put("url", "http://localhost:8080/mcp");
        } else {
            config.put("transport", "stdio");
            config.put("command", "npx");
            config.put("args", List.of("-y", "server"));
            config.put("env", Map.of("API_TOKEN", "sk-test-4e1f0b7a9c2d"));
        }
        config.put("timeout", new Num("30"));
        config.put("retry_attempts", new Num("3"));
        config.put("api_key", "sk-test-4e1f0b7a9c2d");
        breakFields(config, CONFIG_KEYS, random.nextInt(4));
        return config;
    }

    /** A tool catalog close to a real one, with a few of its fields broken. */
    private Object tools() {
        int count = random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(5);
        var tools = new ArrayList<Object>();
        for (int i = 0; i < count; i++) {
            var tool = new LinkedHashMap<String, Object>();
            tool.put("name", random.nextInt(8) == 0 ? "dup" : "tool-" + i);
            tool.put("description", "does " + i);
            var schema = new LinkedHashMap<String, Object>();
            schema.put("type", "object");
            schema.put("properties", Map.of("q", Map.of("type", "string")));
            tool.put("input_schema", schema);
            if (random.nextBoolean()) {
                tool.put("category", "memory");
            }
            breakFields(tool, TOOL_KEYS, random.nextInt(3));
            tools.add(random.nextInt(30) == 0 ? anyTree(2) : tool);
        }
        return tools;
    }

    private void breakFields(Map<String, Object> object, String[] keys, int breaks) {
        for (int b = 0; b < breaks; b++) {
            String key = keys[random.nextInt(keys.length)];
            switch (random.nextInt(3)) {
                case 0 -> object.remove(key);
                case 1 -> object.put(key, anyTree(3));
                default -> object.put(randomText(1 + random.nextInt(8)), anyTree(2));
            }
        }
    }

    private Object anyTree(int depth) {
        int pick = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (pick) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> new Num(ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)]);
            case 3 -> new Raw("\"" + ODD_STRINGS[random.nextInt(ODD_STRINGS.length)] + "\"");
            case 4 -> randomText(random.nextInt(40));
            case 5 -> {
                var list = new ArrayList<Object>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    list.add(anyTree(depth - 1));
                }
                yield list;
            }
            default -> {
                var map = new LinkedHashMap<String, Object>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    String key = random.nextBoolean() ? CONFIG_KEYS[random.nextInt(CONFIG_KEYS.length)]
                            : TOOL_KEYS[random.nextInt(TOOL_KEYS.length)];
                    map.put(key, anyTree(depth - 1));
                }
                yield map;
            }
        };
    }

    private String deeplyNested(int depth) {
        var text = new StringBuilder(depth * 2 + 2);
        boolean objects = random.nextBoolean();
        for (int i = 0; i < depth; i++) {
            text.append(objects ? "{\"a\":" : "[");
        }
        text.append("1");
        for (int i = 0; i < depth; i++) {
            text.append(objects ? "}" : "]");
        }
        return text.toString();
    }

    /** Random characters from every plane, surrogates and controls included (no NUL for text columns). */
    private String randomText(int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(6);
            int c = switch (pick) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 1 + random.nextInt(0x1f);
                case 2 -> 0x80 + random.nextInt(0x780);
                case 3 -> 0x4e00 + random.nextInt(0x5000);
                case 4 -> 0x1f600 + random.nextInt(0x50);
                default -> "{}[]\":,\\".charAt(random.nextInt(8));
            };
            text.appendCodePoint(c);
        }
        return text.toString();
    }

    /** A number written as is (so that huge and odd numbers reach the reader verbatim). */
    private record Num(String text) {
    }

    /** JSON text written as is. */
    private record Raw(String text) {
    }

    private static String render(Object tree) {
        var out = new StringBuilder();
        render(tree, out);
        return out.toString();
    }

    private static void render(Object tree, StringBuilder out) {
        if (tree == null) {
            out.append("null");
        } else if (tree instanceof Boolean b) {
            out.append(b);
        } else if (tree instanceof Num n) {
            out.append(n.text());
        } else if (tree instanceof Raw r) {
            out.append(r.text());
        } else if (tree instanceof String s) {
            quote(s, out);
        } else if (tree instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                render(list.get(i), out);
            }
            out.append(']');
        } else if (tree instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (var entry : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                quote(String.valueOf(entry.getKey()), out);
                out.append(": ");
                render(entry.getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("not a tree: " + tree);
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        out.append('"');
    }
}
