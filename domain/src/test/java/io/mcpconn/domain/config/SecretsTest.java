package io.mcpconn.domain.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @Test
    void the_shortest_secret_searched_for_has_exactly_4_characters() {
        assertThat(Secrets.MIN_FINDABLE_LENGTH).isEqualTo(4);
        var four = Secrets.of("abcd");
        assertThat(four.isEmpty()).isFalse();
        assertThat(four.redact("pin abcd accepted")).isEqualTo("pin **** accepted");

        var three = Secrets.of("abc");
        assertThat(three.isEmpty()).isTrue();
        assertThat(three.redact("pin abc accepted")).isEqualTo("pin abc accepted");
    }

    @Test
    void blanks_and_missing_values_are_no_secrets() {
        var secrets = Secrets.of(Arrays.asList(null, "", "    ", "\t\t\t\t"));
        assertThat(secrets.isEmpty()).isTrue();
        assertThat(secrets.redact("    nothing to hide")).isEqualTo("    nothing to hide");
        assertThat(Secrets.NONE.redact("    nothing to hide")).isEqualTo("    nothing to hide");
    }

    @Test
    void appears_in_finds_a_secret_in_any_of_its_encodings_and_nothing_else() {
        var secrets = Secrets.of("tok/9f8e");
        assertThat(secrets.appearsIn("got tok/9f8e back")).isTrue();
        assertThat(secrets.appearsIn("GET /x?t=tok%2F9f8e")).isTrue();
        assertThat(secrets.appearsIn("{\"t\":\"tok\\/9f8e\"}")).isTrue();
        assertThat(secrets.appearsIn("got tok/9f8 back")).isFalse();
        assertThat(Secrets.NONE.appearsIn("tok/9f8e")).isFalse();
    }

    @Test
    void and_joins_the_secrets_of_both() {
        var both = Secrets.of("first-1234").and(Secrets.of("second-5678"));
        assertThat(both.redact("first-1234 then second-5678")).isEqualTo("**** then ****");
        assertThat(Secrets.of("first-1234").and(Secrets.NONE).redact("first-1234 then second-5678"))
                .isEqualTo("**** then second-5678");
        assertThat(Secrets.NONE.and(Secrets.of("second-5678")).redact("first-1234 then second-5678"))
                .isEqualTo("first-1234 then ****");
    }

    @Test
    void to_string_counts_the_secrets_and_never_prints_one() {
        var secrets = Secrets.of("first-1234", "second-5678");
        assertThat(secrets).hasToString("Secrets[2 masked]");
        assertThat(Secrets.NONE).hasToString("Secrets[0 masked]");
    }

    @Test
    void a_secret_inside_another_is_masked_whole_with_it() {
        var secrets = Secrets.of("abcd", "xxabcdxx");
        assertThat(secrets.redact("[xxabcdxx] [abcd]")).isEqualTo("[****] [****]");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"k>?~", "k>?~1", "k>?~12"})
    void base64_is_found_standard_or_url_safe_with_or_without_padding(String secret) {
        var bytes = secret.getBytes(StandardCharsets.UTF_8);
        var secrets = Secrets.of(secret);
        for (var encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            for (var echoed : List.of(encoder.encodeToString(bytes), encoder.withoutPadding().encodeToString(bytes))) {
                assertThat(secrets.redact("Basic " + echoed + ".")).as("echo as %s", echoed).isEqualTo("Basic ****.");
            }
        }
    }

    @Test
    void non_ascii_and_multibyte_characters_are_found_percent_encoded_in_either_case() {
        // Two-, three- and four-byte UTF-8 characters (the last a surrogate pair in Java), and a space.
        var secret = "pässwörd-€-𝄞 x";
        var secrets = Secrets.of(secret);
        var form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertThat(form).isEqualTo("p%C3%A4ssw%C3%B6rd-%E2%82%AC-%F0%9D%84%9E+x");

        for (var echoed : List.of(secret, form, form.toLowerCase(Locale.ROOT), form.replace("+", "%20"))) {
            assertThat(secrets.redact("?p=" + echoed + "&")).as("echo as %s", echoed).isEqualTo("?p=****&");
        }
    }

    @Test
    void json_writers_escaping_every_non_ascii_character_are_matched_character_by_character() {
        var secrets = Secrets.of("schlüssel~42/𝄞");
        for (var echoed : List.of("schl\\u00fcssel~42/\\ud834\\udd1e", "schl\\u00FCssel~42\\/\\uD834\\uDD1E")) {
            assertThat(secrets.redact("{\"key\":\"" + echoed + "\"}")).as("echo as %s", echoed)
                    .isEqualTo("{\"key\":\"****\"}");
        }
    }

    @Test
    void json_escapes_control_characters_below_0x20_only() {
        var secrets = Secrets.of("a\u001fb c\td");
        assertThat(secrets.redact("\"a\\u001fb c\\td\"")).isEqualTo("\"****\"");
    }

    @Test
    void secret_names_are_recognised_in_any_case() {
        for (var name : List.of("token", "api_key", "X-API-KEY", "Authorization", "--password", "PGPASSWORD",
                "client_secret", "Cookie", "session_id", "signature", "private_key", "aws_credentials")) {
            assertThat(Secrets.isSecretName(name)).as(name).isTrue();
        }
        for (var name : List.of("tenant", "region", "X-Request-Id", "--verbose", "", "PATH")) {
            assertThat(Secrets.isSecretName(name)).as(name).isFalse();
        }
    }
}
