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
}
