package io.mcpconn.domain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StdioTransportTest {

    private static final String LONGEST = "a".repeat(StdioTransport.MAX_LENGTH);

    private static StdioTransport withArgs(String... args) {
        return StdioTransport.of("npx", args);
    }

    private static StdioTransport withEnv(Map<String, String> env) {
        return new StdioTransport("npx", List.of(), env, Optional.empty());
    }

    @Test
    void arguments_are_at_most_32768_characters() {
        assertThat(StdioTransport.MAX_LENGTH).isEqualTo(32_768);
        assertThat(withArgs(LONGEST).args()).containsExactly(LONGEST);
        assertThatThrownBy(() -> withArgs(LONGEST + "a")).isInstanceOf(InvalidValueException.class)
                .hasMessage("stdio arguments must be at most 32768 characters and contain no NUL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0leading", "inside\0", "\0"})
    void arguments_contain_no_nul_anywhere(String arg) {
        assertThatThrownBy(() -> withArgs("-y", arg)).isInstanceOf(InvalidValueException.class)
                .hasMessage("stdio arguments must be at most 32768 characters and contain no NUL");
    }

    @Test
    void environment_values_are_at_most_32768_characters() {
        assertThat(withEnv(Map.of("BIG", LONGEST)).env()).containsEntry("BIG", LONGEST);
        assertThatThrownBy(() -> withEnv(Map.of("BIG", LONGEST + "a"))).isInstanceOf(InvalidValueException.class)
                .hasMessage("the value of environment variable BIG must be at most 32768 characters and contain no NUL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0leading", "inside\0"})
    void environment_values_contain_no_nul_anywhere(String value) {
        assertThatThrownBy(() -> withEnv(Map.of("TOKEN", value))).isInstanceOf(InvalidValueException.class)
                .hasMessage("the value of environment variable TOKEN must be at most 32768 characters and contain no NUL");
    }

    @Test
    void a_missing_environment_value_is_refused_by_name() {
        var env = new HashMap<String, String>();
        env.put("TOKEN", null);
        assertThatThrownBy(() -> withEnv(env)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of environment variable TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "_", "_PRIVATE", "GITHUB_TOKEN", "path2", "x_1"})
    void environment_names_of_letters_digits_and_underscores_are_accepted(String name) {
        assertThat(withEnv(Map.of(name, "v")).env()).containsOnlyKeys(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1A", "A=B", "A-B", "A B", "Ä"})
    void other_environment_names_are_refused(String name) {
        assertThatThrownBy(() -> withEnv(Map.of(name, "v"))).isInstanceOf(InvalidValueException.class)
                .hasMessage("environment variable name \"" + name + "\" of the stdio command must be letters, digits"
                        + " and '_', not starting with a digit, and contain no '='");
    }

    @Test
    void a_missing_environment_name_is_refused() {
        var env = new HashMap<String, String>();
        env.put(null, "v");
        assertThatThrownBy(() -> withEnv(env)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("environment variable name \"null\"");
    }

    @Test
    void the_values_of_secret_flags_are_masked_and_redacted_but_the_flags_are_not() {
        var transport = withArgs("server", "--token=arg-secret-1", "--api-key", "arg-secret-2", "--verbose",
                "-p", "public-1", "--name=public-2");

        assertThat(transport.maskedArgs()).containsExactly("server", "--token=****", "--api-key", "****", "--verbose",
                "-p", "public-1", "--name=public-2");
        assertThat(transport.secrets().redact("server --token=arg-secret-1 --api-key arg-secret-2 --name=public-2"))
                .isEqualTo("server --token=**** --api-key **** --name=public-2");
    }

    @Test
    void a_secret_flag_followed_by_another_flag_masks_nothing() {
        var transport = withArgs("--password", "--verbose", "value");
        assertThat(transport.maskedArgs()).containsExactly("--password", "--verbose", "value");
        assertThat(transport.secrets().isEmpty()).isTrue();
    }

    @Test
    void every_environment_value_is_a_secret() {
        var transport = withEnv(Map.of("REGION", "eu-west-1", "GITHUB_TOKEN", "ghp_secret"));
        assertThat(transport.secrets().redact("eu-west-1 ghp_secret")).isEqualTo("**** ****");
        assertThat(transport).hasToString("StdioTransport[command=npx, args=[], env=[GITHUB_TOKEN, REGION],"
                + " workingDirectory=(inherited)]");
    }
}
