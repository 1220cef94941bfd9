package io.mcpconn.domain.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;

class TenancyTest {

    @Test
    void namespaces_and_agents_keep_their_text() {
        assertThat(Namespace.of("test-namespace")).hasToString("test-namespace").isEqualTo(new Namespace("test-namespace"));
        assertThat(AgentId.of("test-agent")).hasToString("test-agent");
    }

    @Test
    void blank_overlong_or_control_character_values_are_refused_by_name() {
        assertThatThrownBy(() -> Namespace.of(" ")).isInstanceOf(InvalidValueException.class)
                .hasMessage("namespace must not be blank");
        assertThatThrownBy(() -> Namespace.of("n".repeat(256))).isInstanceOf(InvalidValueException.class)
                .hasMessage("namespace must be at most 255 characters, but has 256");
        assertThatThrownBy(() -> AgentId.of("agent\n1")).isInstanceOf(InvalidValueException.class)
                .hasMessage("agent id must not contain control characters");
        assertThatThrownBy(() -> AgentId.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("agent id is required but was missing");
        assertThat(Namespace.of("n".repeat(255)).value()).hasSize(255);
    }
}
