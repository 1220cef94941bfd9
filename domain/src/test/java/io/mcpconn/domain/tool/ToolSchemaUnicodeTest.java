package io.mcpconn.domain.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.shared.InvalidValueException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A schema key or string with an unpaired surrogate has no UTF-8 form: storage kept a replacement
 * character instead, so the schema read back differed from the one saved, and two keys could
 * become one. Such schemas are refused; well-formed astral text is kept.
 */
class ToolSchemaUnicodeTest {

    private static JsonValue.JsonObject schemaWith(String key, String value) {
        return JsonValue.object(Map.of("type", JsonValue.string("object"), "properties", JsonValue.object(Map.of(key,
                JsonValue.object(Map.of("type", JsonValue.string("string"), "enum",
                        new JsonValue.JsonArray(List.of(JsonValue.string(value)))))))));
    }

    @Test
    void a_lone_surrogate_in_a_key_or_a_string_of_a_schema_is_refused_with_what_is_wrong() {
        for (var lone : List.of("\uD800", "a\uDC00", "\uDBFF\uDBFF", "x\uD83D")) {
            assertThatThrownBy(() -> Tool.of("t", Optional.empty(), schemaWith(lone, "ok")))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("input schema of tool \"t\" must be well-formed Unicode text");
            assertThatThrownBy(() -> Tool.of("t", Optional.empty(), schemaWith("ok", lone)))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> new Tool("t", Optional.empty(), Optional.empty(), Tool.NO_ARGUMENTS,
                    Optional.of(schemaWith("ok", lone)), ToolAnnotations.NONE, ToolCategory.infer("t", Optional.empty())))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("output schema");
        }
    }

    @Test
    void well_formed_astral_text_is_kept_and_measured_as_before() {
        var tool = Tool.of("t", Optional.empty(), schemaWith("\uD83D\uDE00", "\uD834\uDD1E"));
        assertThat(tool.inputSchema().toString()).contains("\uD83D\uDE00", "\uD834\uDD1E");
        assertThat(JsonValue.size(JsonValue.string("\uD83D\uDE00"))).isEqualTo(new JsonValue.Size(0, 6));
        assertThat(JsonValue.size(JsonValue.string("\uD800"))).isEqualTo(new JsonValue.Size(0, 5, false));
    }
}
