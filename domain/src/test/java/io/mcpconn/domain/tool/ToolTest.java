package io.mcpconn.domain.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.shared.InvalidValueException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolTest {

    @Test
    void names_are_1_to_128_characters_without_whitespace() {
        assertThat(Tool.of("t".repeat(128), Optional.empty(), Tool.NO_ARGUMENTS).name()).hasSize(128);
        assertThatThrownBy(() -> Tool.of("t".repeat(129), Optional.empty(), Tool.NO_ARGUMENTS))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at most 128 characters");
        assertThatThrownBy(() -> Tool.of("", Optional.empty(), Tool.NO_ARGUMENTS))
                .isInstanceOf(InvalidValueException.class).hasMessage("tool name must not be blank");
        assertThatThrownBy(() -> Tool.of("two words", Optional.empty(), Tool.NO_ARGUMENTS))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("must not contain whitespace");
    }

    @Test
    void schemas_must_be_objects_at_the_root() {
        var arraySchema = JsonValue.object(Map.of("type", JsonValue.string("array")));
        assertThatThrownBy(() -> Tool.of("echo", Optional.empty(), arraySchema))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("the input schema of tool \"echo\" must have \"type\": \"object\" at its root, but has \"type\": \"array\"");
        assertThatThrownBy(() -> new Tool("echo", Optional.empty(), Optional.empty(), Tool.NO_ARGUMENTS,
                Optional.of(arraySchema), ToolAnnotations.NONE, ToolCategory.GENERAL))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("output schema");
        assertThat(Tool.of("echo", Optional.empty(), JsonValue.JsonObject.EMPTY).inputSchema())
                .as("the seed's rows may omit the type").isEqualTo(JsonValue.JsonObject.EMPTY);
    }

    @Test
    void all_mcp_fields_are_kept() {
        var annotations = new ToolAnnotations(Optional.of(true), Optional.of(false), Optional.empty(), Optional.of(true));
        var tool = new Tool("get_weather", Optional.of("Weather"), Optional.of("Current weather"), Tool.NO_ARGUMENTS,
                Optional.of(Tool.NO_ARGUMENTS), annotations, ToolCategory.API_INTEGRATION);

        assertThat(tool.title()).contains("Weather");
        assertThat(tool.outputSchema()).contains(Tool.NO_ARGUMENTS);
        assertThat(tool.annotations().readOnlyHint()).contains(true);
        assertThat(tool.annotations().idempotentHint()).isEmpty();
        assertThat(tool.annotations().isEmpty()).isFalse();
        assertThat(ToolAnnotations.NONE.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            store_memory     | Store semantic memory      | memory
            search_memories  | Search semantic memories   | memory
            searchDocuments  | -                          | search
            read_file        | -                          | file_management
            run_workflow     | -                          | workflow
            echo             | Echoes back the input      | communication
            get_weather      | Calls the weather API      | api_integration
            frobnicate       | -                          | general
            frobnicate       | Lists files in a directory | file_management
            _recall_         | -                          | memory
            fetchURL         | -                          | api_integration
            __               | Runs a shell command       | code_execution
            get_status       | Sends a chat message       | monitoring
            """)
    void categories_are_inferred_from_name_then_description(String name, String description, String category) {
        var tool = Tool.of(name, Optional.ofNullable(description), Tool.NO_ARGUMENTS);
        assertThat(tool.category().storageName()).isEqualTo(category);
    }

    @Test
    void category_storage_names_read_back_and_unknown_ones_are_absent() {
        for (var category : ToolCategory.values()) {
            assertThat(ToolCategory.fromStorageName(category.storageName())).contains(category);
        }
        assertThat(ToolCategory.fromStorageName("MEMORY")).contains(ToolCategory.MEMORY);
        assertThat(ToolCategory.fromStorageName("telepathy")).isEmpty();
    }

    static JsonValue.JsonObject nested(int depth) {
        JsonValue.JsonObject schema = JsonValue.object(Map.of("type", JsonValue.string("object")));
        for (int i = 1; i < depth; i++) {
            schema = JsonValue.object(Map.of("type", JsonValue.string("object"), "properties",
                    JsonValue.object(Map.of("p", schema))));
        }
        return schema;
    }

    static JsonValue.JsonObject ofBytes(long bytes) {
        // {"type":"object","description":"xxx…"} is 34 bytes around the text.
        return JsonValue.object(new java.util.LinkedHashMap<>(Map.of("type", JsonValue.string("object"),
                "description", JsonValue.string("x".repeat((int) bytes - 34)))));
    }

    @Test
    void schemas_nest_at_most_64_levels_and_the_message_names_the_limit() {
        assertThat(JsonValue.size(nested(32)).depth()).isEqualTo(63);
        assertThat(Tool.of("deep", Optional.empty(), nested(32)).inputSchema()).isEqualTo(nested(32));
        var exactly64 = JsonValue.object(Map.of("type", JsonValue.string("object"), "x", nested(32)));
        assertThat(JsonValue.size(exactly64).depth()).isEqualTo(Tool.MAX_SCHEMA_DEPTH).isEqualTo(64);
        assertThat(Tool.of("deep", Optional.empty(), exactly64).name()).isEqualTo("deep");
        assertThatThrownBy(() -> Tool.of("deeper", Optional.empty(), nested(33)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("the input schema of tool \"deeper\" nests 65 levels deep; at most 64 are kept"
                        + " (Tool.MAX_SCHEMA_DEPTH)");
        // The depth that failed with a raw JSON error on save.
        assertThatThrownBy(() -> new Tool("t", Optional.empty(), Optional.empty(), Tool.NO_ARGUMENTS,
                Optional.of(nested(500)), ToolAnnotations.NONE, ToolCategory.GENERAL))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("output schema of tool \"t\" nests 999");
    }

    @Test
    void schemas_take_at_most_8_mib_so_5_mb_ones_work_and_60_mb_ones_are_refused() {
        assertThat(JsonValue.size(ofBytes(5_000_000)).bytes()).isEqualTo(5_000_000);
        assertThat(Tool.of("big", Optional.empty(), ofBytes(5_000_000)).encodedBytes()).isEqualTo(5_000_000 + 5);
        assertThat(Tool.of("edge", Optional.empty(), ofBytes(Tool.MAX_SCHEMA_BYTES)).name()).isEqualTo("edge");
        assertThatThrownBy(() -> Tool.of("edge", Optional.empty(), ofBytes(Tool.MAX_SCHEMA_BYTES + 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("the input schema of tool \"edge\" is 8388609 bytes of JSON; at most 8388608 (8 MiB) are"
                        + " kept per schema (Tool.MAX_SCHEMA_BYTES)");
        assertThatThrownBy(() -> new Tool("huge", Optional.empty(), Optional.empty(), Tool.NO_ARGUMENTS,
                Optional.of(ofBytes(60_000_000)), ToolAnnotations.NONE, ToolCategory.GENERAL))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("output schema of tool \"huge\" is 60000000");
    }

    @Test
    void encoded_bytes_count_the_name_the_texts_and_both_schemas() {
        var tool = new Tool("echo", Optional.of("Écho"), Optional.of("says it back"), Tool.NO_ARGUMENTS,
                Optional.of(Tool.NO_ARGUMENTS), ToolAnnotations.NONE, ToolCategory.GENERAL);
        assertThat(tool.encodedBytes()).isEqualTo(17 + 17 + 6 + 7 + 14);
    }

    @Test
    void titles_and_descriptions_must_be_well_formed_text() {
        assertThatThrownBy(() -> Tool.of("echo", Optional.of("bad \uD800"), Tool.NO_ARGUMENTS))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("description of tool \"echo\" must be well-formed Unicode text");
        assertThatThrownBy(() -> new Tool("echo", Optional.of("\uDC00"), Optional.empty(), Tool.NO_ARGUMENTS,
                Optional.empty(), ToolAnnotations.NONE, ToolCategory.GENERAL))
                .hasMessageStartingWith("title of tool \"echo\" must be well-formed");
        assertThatThrownBy(() -> Tool.of("echo\uD800", Optional.empty(), Tool.NO_ARGUMENTS))
                .hasMessageStartingWith("tool name must be well-formed");
    }
}
