package io.mcpconn.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.json.JsonValue.JsonArray;
import io.mcpconn.domain.json.JsonValue.JsonNull;
import io.mcpconn.domain.json.JsonValue.JsonNumber;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValueTest {

    @Test
    void renders_compact_json_in_member_order() {
        var members = new LinkedHashMap<String, JsonValue>();
        members.put("type", JsonValue.string("object"));
        members.put("required", new JsonArray(List.of(JsonValue.string("a\"b\n"))));
        members.put("n", JsonValue.number(3));
        members.put("x", new JsonNumber(new BigDecimal("1.50")));
        members.put("flag", JsonValue.bool(true));
        members.put("none", JsonNull.INSTANCE);

        assertThat(JsonValue.object(members)).hasToString(
                "{\"type\":\"object\",\"required\":[\"a\\\"b\\n\"],\"n\":3,\"x\":1.5,\"flag\":true,\"none\":null}");
    }

    @Test
    void numbers_equal_by_value_not_by_scale() {
        assertThat(new JsonNumber(new BigDecimal("1.0"))).isEqualTo(JsonValue.number(1));
        assertThat(new JsonNumber(new BigDecimal("100"))).hasToString("100");
    }

    @Test
    void whole_numbers_ending_in_zeros_are_written_out_up_to_19_digits_and_longer_ones_in_exponent_form() {
        assertThat(JsonValue.number(1_000_000_000_000_000_000L)).hasToString("1000000000000000000");
        assertThat(JsonValue.number(Long.MAX_VALUE)).hasToString("9223372036854775807");
        assertThat(JsonValue.number(-1_000_000_000_000_000_000L)).hasToString("-1000000000000000000");
        assertThat(new JsonNumber(new BigDecimal("1E+19"))).hasToString("1E+19");
        assertThat(new JsonNumber(new BigDecimal("12345678901234567890"))).hasToString("1.234567890123456789E+19");
        assertThat(new JsonNumber(new BigDecimal("12345678901234567891"))).hasToString("12345678901234567891");
        assertThat(JsonValue.number(0)).hasToString("0");
        assertThat(new JsonNumber(new BigDecimal("-0.25"))).hasToString("-0.25");
    }

    @Test
    void strings_escape_control_characters_below_0x20_as_unicode_escapes() {
        assertThat(JsonValue.string("a\u001fb c\u0000\t\r\\")).hasToString("\"a\\u001fb c\\u0000\\t\\r\\\\\"");
        assertThat(JsonValue.string("~ü€")).hasToString("\"~ü€\"");
        assertThat(JsonValue.object(Map.of("a b\u0001", JsonValue.string("")))).hasToString("{\"a b\\u0001\":\"\"}");
    }

    @Test
    void booleans_give_their_java_value() {
        assertThat(JsonValue.bool(true).value()).isTrue();
        assertThat(JsonValue.bool(false).value()).isFalse();
        assertThat(JsonValue.bool(false)).hasToString("false");
    }

    @Test
    void object_members_must_not_be_null() {
        var members = new java.util.HashMap<String, JsonValue>();
        members.put("type", null);
        assertThatThrownBy(() -> JsonValue.object(members)).isInstanceOf(NullPointerException.class)
                .hasMessage("JSON value of \"type\"");
    }

    @Test
    void trees_are_immutable_copies() {
        var members = new LinkedHashMap<String, JsonValue>();
        members.put("a", JsonValue.string("1"));
        var object = JsonValue.object(members);
        members.put("b", JsonValue.string("2"));

        assertThat(object.members()).containsOnlyKeys("a");
        assertThatThrownBy(() -> object.members().put("c", JsonNull.INSTANCE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(object.get("a")).contains(JsonValue.string("1"));
        assertThat(object.get("z")).isEmpty();
        assertThat(JsonValue.object(Map.of("k", JsonValue.bool(false))).get("k")).contains(JsonValue.JsonBoolean.FALSE);
    }

    @Test
    void size_gives_the_depth_and_the_utf8_length_of_the_compact_text() {
        var tree = JsonValue.object(new java.util.LinkedHashMap<>(java.util.Map.of(
                "q\"\\\n\r\t\u0001", JsonValue.string("é€😀"),
                "list", new JsonValue.JsonArray(java.util.List.of(JsonValue.number(12), JsonValue.bool(true),
                        JsonValue.JsonNull.INSTANCE, new JsonValue.JsonArray(java.util.List.of()))))));
        var size = JsonValue.size(tree);
        assertThat(size.bytes()).isEqualTo(tree.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(size.depth()).isEqualTo(3);
        assertThat(JsonValue.size(JsonValue.string("x"))).isEqualTo(new JsonValue.Size(0, 3));
        assertThat(JsonValue.size(JsonValue.JsonObject.EMPTY)).isEqualTo(new JsonValue.Size(1, 2));
        // A lone surrogate has no UTF-8 form; it is counted as the replacement it would become.
        assertThat(JsonValue.size(JsonValue.string("\uD800")).bytes()).isEqualTo(5);
    }

    @Test
    void size_measures_trees_deeper_than_any_stack_would_allow() {
        JsonValue deep = JsonValue.JsonObject.EMPTY;
        for (int i = 0; i < 100_000; i++) {
            deep = new JsonValue.JsonArray(java.util.List.of(deep));
        }
        var size = JsonValue.size(deep);
        assertThat(size.depth()).isEqualTo(100_001);
        assertThat(size.bytes()).isEqualTo(2 + 2L * 100_000);
    }

    @Test
    void size_measures_trees_wider_than_its_first_stack() {
        var members = new LinkedHashMap<String, JsonValue>();
        for (int i = 0; i < 100; i++) {
            members.put("k" + i, new JsonValue.JsonArray(java.util.List.of(JsonValue.object(Map.of("v\u007f",
                    JsonValue.number(i * 10L))), JsonValue.string("x"))));
        }
        var wide = JsonValue.object(members);

        var size = JsonValue.size(wide);

        assertThat(size.depth()).isEqualTo(3);
        assertThat(size.bytes()).isEqualTo(wide.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(JsonValue.size(wide)).as("measured once, then remembered").isSameAs(size);
    }

    @Test
    void objects_are_equal_and_hash_as_their_members_do() {
        var members = Map.<String, JsonValue>of("a", JsonValue.string("1"), "b", JsonValue.number(2));
        var object = JsonValue.object(members);

        assertThat(object).isEqualTo(JsonValue.object(new LinkedHashMap<>(members)))
                .isNotEqualTo(JsonValue.object(Map.of("a", JsonValue.string("1"))))
                .isNotEqualTo(members);
        assertThat(object.hashCode()).isEqualTo(members.hashCode());
    }
}
