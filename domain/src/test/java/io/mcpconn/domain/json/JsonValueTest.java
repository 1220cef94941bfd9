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
}
