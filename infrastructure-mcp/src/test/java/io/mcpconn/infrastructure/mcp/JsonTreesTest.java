package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonArray;
import io.mcpconn.domain.json.JsonValue.JsonNumber;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreesTest {

    private final JsonTrees json = new JsonTrees(JsonTrees.newObjectMapper());

    @Test
    void roundTripsEveryKindOfValueThroughTheSdksPlainForm() throws Exception {
        var value = JsonValue.object(Map.of(
                "text", JsonValue.string("a \"quoted\" line\n"),
                "int", JsonValue.number(42),
                "big", new JsonNumber(new BigDecimal("123456789012345678901234567890")),
                "decimal", new JsonNumber(new BigDecimal("0.1")),
                "flags", new JsonArray(List.of(JsonValue.bool(true), JsonValue.bool(false), JsonValue.JsonNull.INSTANCE)),
                "nested", JsonValue.object(Map.of("empty", JsonValue.JsonObject.EMPTY))));

        var plain = json.toPlain(value);
        var wire = json.mapper().writeValueAsString(plain);
        var back = JsonTrees.toDomain(json.mapper().readTree(wire));

        assertThat(back).isEqualTo(value);
        assertThat(wire).contains("\"int\":42").contains("\"big\":123456789012345678901234567890").contains("\"decimal\":0.1");
    }

    @Test
    void keepsDecimalsExact() throws Exception {
        var parsed = JsonTrees.toDomain(json.mapper().readTree("{\"x\":0.30000000000000000001}"));

        assertThat(parsed).isEqualTo(JsonValue.object(Map.of("x", new JsonNumber(new BigDecimal("0.30000000000000000001")))));
    }

    @Test
    void convertsJacksonTreesBothWays() throws Exception {
        var node = json.mapper().readTree("{\"a\":[1,2.5,\"x\",null,true],\"b\":{}}");

        var value = JsonTrees.toDomain(node);

        assertThat(JsonTrees.toJackson(value).toString()).isEqualTo(node.toString());
        assertThat(value.toString()).isEqualTo("{\"a\":[1,2.5,\"x\",null,true],\"b\":{}}");
    }
}
