package io.mcpconn.domain.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A whole header line given where a header name belongs: the refusal must not repeat its value. */
class HeaderLineAsNameTest {

    private static final String SECRET = "hk-Zq81mXr0pLw4Ts9bYc2VnA7eKd3Gu6Hf";

    @Test
    void a_name_holding_its_value_is_refused_with_the_value_masked() {
        assertThatThrownBy(() -> HttpTransport.of("http://localhost/mcp", Map.of("X-Api-Key: " + SECRET, "x")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("header name \"X-Api-Key: ****\" is not valid; use letters, digits and -, e.g. X-Api-Key");
        assertThatThrownBy(() -> HttpTransport.headerName("Authorization=Bearer " + SECRET))
                .hasMessage("header name \"Authorization= ****\" is not valid; use letters, digits and -, e.g. X-Api-Key");
        assertThatThrownBy(() -> ApiKey.of(SECRET).inHeader("X-Api-Key:" + SECRET))
                .hasMessageNotContaining(SECRET).hasMessageContaining("X-Api-Key: ****");
    }
}
