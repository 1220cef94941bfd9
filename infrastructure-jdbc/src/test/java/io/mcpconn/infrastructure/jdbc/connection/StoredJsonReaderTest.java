package io.mcpconn.infrastructure.jdbc.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.infrastructure.jdbc.connection.ConnectionJson.ColumnValueException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoredJsonReaderTest {

    private static final String SECRET = "sk-live-5f3a9c1e7b";

    @Test
    void reads_every_key_of_config_json_and_skips_unknown_ones_whatever_they_hold() throws IOException {
        var config = config("""
                {"server_name": "s", "unknown": {"deep": [1, {"url": "not this one"}]}, "url": "http://h/mcp",
                 "timeout": 12.5, "retry_attempts": 4, "auth_required": true, "api_key": "k", "api_key_header": "X-K",
                 "headers": {"A": "1", "B": null}, "transport": "stdio", "command": "npx", "args": ["-y", null],
                 "env": {"E": "v"}, "working_directory": "/w", "extra": null}
                """);

        var headers = new LinkedHashMap<String, String>();
        headers.put("A", "1");
        headers.put("B", null);
        var args = new ArrayList<String>();
        args.add("-y");
        args.add(null);
        assertThat(config).isEqualTo(new ConfigJson("s", "http://h/mcp", new BigDecimal("12.5"), 4, true, "k", "X-K",
                headers, "stdio", "npx", args, Map.of("E", "v"), "/w"));
    }

    @Test
    void leaves_absent_and_null_keys_null_and_reads_json_null_as_no_object() throws IOException {
        assertThat(config("{}")).isEqualTo(new ConfigJson(null, null, null, null, null, null, null, null, null, null,
                null, null, null));
        assertThat(config("{\"url\": null, \"headers\": null, \"args\": null}").url()).isNull();
        assertThat(config(" null ")).isNull();
    }

    @Test
    void takes_what_data_binding_took_numbers_as_strings_scalars_as_text_and_the_last_of_two_keys() throws IOException {
        var config = config("""
                {"timeout": " 30 ", "retry_attempts": "2", "server_name": 7, "command": true, "auth_required": "FALSE",
                 "url": "http://first", "url": "http://last"}
                """);

        assertThat(config.timeout()).isEqualByComparingTo("30");
        assertThat(config.retryAttempts()).isEqualTo(2);
        assertThat(config.serverName()).isEqualTo("7");
        assertThat(config.command()).isEqualTo("true");
        assertThat(config.authRequired()).isFalse();
        assertThat(config.url()).isEqualTo("http://last");
        assertThat(config("{\"retry_attempts\": 3.9, \"auth_required\": 1}"))
                .extracting(ConfigJson::retryAttempts, ConfigJson::authRequired).containsExactly(3, true);
        assertThat(config("{\"auth_required\": 0}").authRequired()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"api_key": {"v": "SECRET"}}         | "api_key" must be text, not an object (line 1, column 14)
            {"timeout": "SECRET"}                | "timeout" must be a number, not a string that is not one
            {"timeout": [1]}                     | "timeout" must be a number, not an array
            {"retry_attempts": 3000000000}       | "retry_attempts" must be a whole number, not a number out of range
            {"retry_attempts": 1e999999999}      | "retry_attempts" must be a number, not a number out of range
            {"retry_attempts": "0e-999999999"}   | "retry_attempts" must be a number, not a number out of range
            {"timeout": 1e-999999999}            | "timeout" must be a number, not a number out of range
            {"auth_required": "SECRET"}          | "auth_required" must be a boolean, not a string that is not one
            {"auth_required": 2}                 | "auth_required" must be a boolean, not a number other than 0 or 1
            {"auth_required": 1.0}               | "auth_required" must be a boolean, not a number
            {"env": ["SECRET"]}                  | "env" must be an object, not an array
            {"env": {"TOKEN": ["SECRET"]}}       | "env.TOKEN" must be text, not an array
            {"args": {"0": "SECRET"}}            | "args" must be an array, not an object
            {"args": [["SECRET"]]}               | "args[]" must be text, not an array
            ["SECRET"]                           | the value must be an object, not an array
            """)
    void a_value_of_the_wrong_kind_names_its_key_and_kind_but_never_the_value(String json, String problem) {
        assertThatThrownBy(() -> config(json.replace("SECRET", SECRET)))
                .isInstanceOf(ColumnValueException.class)
                .hasMessageStartingWith("is not valid JSON for this column: ")
                .hasMessageContaining(problem)
                .hasMessageNotContaining(SECRET);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                  | no content
            `   `               | no content
            `{"url": "a"} {}`   | something follows
            `{"url": "a"} x`    | Unrecognized token
            `{"url": "a"`       | end-of-input
            """)
    void text_that_is_not_exactly_one_json_value_is_a_parse_error(String json, String problem) {
        assertThatThrownBy(() -> config(json)).isInstanceOf(JsonParseException.class).hasMessageContaining(problem);
    }

    @Test
    void reads_tools_in_both_spellings_with_null_schemas_as_absent_and_null_entries_kept_for_the_caller()
            throws IOException {
        var tools = tools("""
                [{"name": "a", "inputSchema": {"type": "object", "n": [1.50, true, null]}, "output_schema": null,
                  "annotations": {"readOnlyHint": true, "destructive_hint": false, "idempotentHint": null, "x": 1},
                  "category": "read", "unknown": [[]]},
                 null,
                 {"name": "b", "input_schema": {}, "outputSchema": {"type": "string"}, "annotations": null}]
                """);

        var schema = new LinkedHashMap<String, JsonValue>();
        schema.put("type", new JsonValue.JsonString("object"));
        schema.put("n", new JsonValue.JsonArray(List.of(new JsonValue.JsonNumber(new BigDecimal("1.50")),
                JsonValue.bool(true), JsonValue.JsonNull.INSTANCE)));
        assertThat(tools).hasSize(3);
        assertThat(tools.get(0)).isEqualTo(new ToolJson("a", null, null, new JsonObject(schema), null,
                new ToolJson.Annotations(true, false, null, null), "read"));
        assertThat(tools.get(1)).isNull();
        assertThat(tools.get(2)).isEqualTo(new ToolJson("b", null, null, JsonObject.EMPTY,
                new JsonObject(Map.of("type", new JsonValue.JsonString("string"))), null, null));
        assertThat(tools("null")).isNull();
    }

    @Test
    void a_tool_of_the_wrong_kind_names_what_is_wrong() {
        assertThatThrownBy(() -> tools("[\"a\"]")).hasMessageContaining("\"tool\" must be an object, not a string");
        assertThatThrownBy(() -> tools("{}")).hasMessageContaining("the value must be an array, not an object");
        assertThatThrownBy(() -> tools("[{\"annotations\": {\"openWorldHint\": \"maybe\"}}]"))
                .hasMessageContaining("\"annotations.openWorldHint\" must be a boolean");
    }

    @Test
    void reads_back_what_the_writer_writes_for_seeded_random_records() throws IOException {
        long seed = Long.getLong("mcpconn.fuzz.seed", System.nanoTime());
        var random = new Random(seed);
        var mapper = new ObjectMapper();
        for (int i = 0; i < 500; i++) {
            var config = new ConfigJson(text(random), text(random), random.nextBoolean() ? null
                    : BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(4)), random.nextBoolean() ? null
                    : random.nextInt(), random.nextBoolean() ? null : random.nextBoolean(), text(random), text(random),
                    random.nextBoolean() ? null : Map.of("H", text(random) + "x"), text(random), text(random),
                    random.nextBoolean() ? null : List.of(text(random) + "a", "b"),
                    random.nextBoolean() ? null : Map.of("E", "v" + text(random)), text(random));
            var tool = new ToolJson(text(random) + "n", text(random), text(random),
                    new JsonObject(Map.of("k", new JsonValue.JsonString(text(random) + "v"))), null,
                    random.nextBoolean() ? null : new ToolJson.Annotations(random.nextBoolean(), null, false, true),
                    text(random));

            var writtenConfig = mapper.writeValueAsString(config);
            var writtenTools = mapper.writeValueAsString(List.of(tool));
            assertThat(config(writtenConfig)).as("seed %d (replay with -Dmcpconn.fuzz.seed=%d): %s", seed, seed,
                    writtenConfig).isEqualTo(config);
            assertThat(tools(writtenTools)).as("seed %d: %s", seed, writtenTools).containsExactly(tool);
        }
    }

    private static String text(Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        var text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            // Quotes, escapes, control characters and text beyond the BMP are what a writer gets wrong.
            text.appendCodePoint(switch (random.nextInt(5)) {
                case 0 -> '"';
                case 1 -> '\\';
                case 2 -> random.nextInt(0x20);
                case 3 -> 0x1F600 + random.nextInt(50);
                default -> 'a' + random.nextInt(26);
            });
        }
        return text.toString();
    }

    private static ConfigJson config(String json) throws IOException {
        return StoredJsonReader.parse(json, ConfigJson::read);
    }

    private static List<ToolJson> tools(String json) throws IOException {
        return StoredJsonReader.parse(json, reader -> reader.array("", ToolJson::read));
    }
}
