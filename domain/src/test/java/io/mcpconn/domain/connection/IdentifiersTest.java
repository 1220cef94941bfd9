package io.mcpconn.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"test-uuid-123", "3f2b8c4e-9d1a-4e7b-8c3d-2a1f0e9b8c7d", "a", "ABC-123", "azAZ09-", "-"})
    void connection_ids_of_letters_digits_and_dashes_up_to_36_are_accepted(String id) {
        assertThat(ConnectionId.of(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "semi;colon", "0123456789012345678901234567890123456",
        "a/b", "a:b", "a@b", "a[b", "a`b", "a{b", "a_b", "a.b", "\u00e9t\u00e9", "a\u0000b"})
    void other_connection_ids_are_refused(String id) {
        assertThatThrownBy(() -> ConnectionId.of(id)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("1 to 36 letters, digits or '-'");
    }

    @Test
    void a_missing_id_is_refused_by_name() {
        assertThatThrownBy(() -> new ConnectionId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("connection id is required but was missing");
    }

    @Test
    void instance_ids_of_1_to_128_allowed_characters_are_accepted() {
        assertThat(InstanceId.of("host-4711.local:8080_a")).hasToString("host-4711.local:8080_a");
        assertThat(InstanceId.of("i".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> InstanceId.of("i".repeat(129))).isInstanceOf(InvalidValueException.class)
                .hasMessage("instance id must be at most 128 characters, but has 129");
        assertThatThrownBy(() -> InstanceId.of("host/1")).isInstanceOf(InvalidValueException.class)
                .hasMessage("instance id \"host/1\" may only contain letters, digits, '_', '.', ':' and '-'");
    }

    @Test
    void random_instance_ids_clean_the_prefix_and_add_eight_hex_digits_from_the_generator() {
        var random = new SplittableRandom(7);
        assertThat(InstanceId.random("build host #7", random).value()).matches("build-host--7-[0-9a-f]{8}");
        assertThat(InstanceId.random("worker.eu_1", random).value()).matches("worker\\.eu_1-[0-9a-f]{8}");
        assertThat(InstanceId.random("", random).value()).matches("instance-[0-9a-f]{8}");
        assertThat(InstanceId.random("h".repeat(200), random).value()).hasSize(89).matches("h{80}-[0-9a-f]{8}");
        assertThat(InstanceId.random("host", random)).isNotEqualTo(InstanceId.random("host", random));
        assertThat(InstanceId.random("host", new SplittableRandom(42)))
                .isEqualTo(InstanceId.random("host", new SplittableRandom(42)));
    }

    @Test
    void the_suffix_is_the_generators_32_bits_in_hex_leading_zeros_kept() {
        assertThat(InstanceId.random("h", fixed(0x0000_0A0F)).value()).isEqualTo("h-00000a0f");
        assertThat(InstanceId.random("h", fixed(-1)).value()).isEqualTo("h-ffffffff");
        assertThat(InstanceId.random("h", fixed(Integer.MIN_VALUE)).value()).isEqualTo("h-80000000");
    }

    private static RandomGenerator fixed(int bits) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return bits;
            }

            @Override
            public int nextInt() {
                return bits;
            }
        };
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
