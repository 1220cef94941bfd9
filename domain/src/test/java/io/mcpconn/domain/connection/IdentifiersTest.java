package io.mcpconn.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"test-uuid-123", "3f2b8c4e-9d1a-4e7b-8c3d-2a1f0e9b8c7d", "a", "ABC-123"})
    void connection_ids_of_letters_digits_and_dashes_up_to_36_are_accepted(String id) {
        assertThat(ConnectionId.of(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "semi;colon", "0123456789012345678901234567890123456"})
    void other_connection_ids_are_refused(String id) {
        assertThatThrownBy(() -> ConnectionId.of(id)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("1 to 36 letters, digits or '-'");
    }

    @Test
    void a_missing_id_is_refused_by_name() {
        assertThatThrownBy(() -> new ConnectionId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("connection id is required but was missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmws_mcp", "server-everything", "a.b.c", "X1"})
    void server_names_of_the_allowed_characters_are_accepted(String name) {
        assertThat(ServerName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "slash/name", "ünïcode", "colon:name"})
    void server_names_with_other_characters_are_refused(String name) {
        assertThatThrownBy(() -> ServerName.of(name)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("may only contain letters, digits, '_', '.' and '-'");
    }

    @Test
    void server_names_are_at_most_255_characters() {
        assertThat(ServerName.of("s".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> ServerName.of("s".repeat(256))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("at most 255 characters, but has 256");
        assertThatThrownBy(() -> ServerName.of("  ")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("must not be blank");
    }
}
