package io.mcpconn.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void present_returns_the_value_and_refuses_null_by_name() {
        var value = new Object();
        assertThat(Checks.present(value, "thing")).isSameAs(value);
        assertThatThrownBy(() -> Checks.present(null, "thing")).isInstanceOf(NullPointerException.class)
                .hasMessage("thing is required but was missing");
    }

    @Test
    void text_returns_the_value_unchanged() {
        assertThat(Checks.text("  padded name ", "name", 20)).isEqualTo("  padded name ");
    }

    @Test
    void text_of_exactly_the_maximum_length_is_accepted_and_one_more_refused() {
        assertThat(Checks.text("x".repeat(10), "name", 10)).hasSize(10);
        assertThat(Checks.text("x", "name", 1)).isEqualTo("x");
        assertThatThrownBy(() -> Checks.text("x".repeat(11), "name", 10)).isInstanceOf(InvalidValueException.class)
                .hasMessage("name must be at most 10 characters, but has 11");
    }

    @Test
    void text_must_not_be_missing_blank_or_hold_control_characters() {
        assertThatThrownBy(() -> Checks.text(null, "name", 10)).isInstanceOf(NullPointerException.class)
                .hasMessage("name is required but was missing");
        assertThatThrownBy(() -> Checks.text(" \t", "name", 10)).isInstanceOf(InvalidValueException.class)
                .hasMessage("name must not be blank");
        for (var text : new String[] {"a\u0000", "a\u001f", "a\u007f", "a\u0085"}) {
            assertThatThrownBy(() -> Checks.text(text, "name", 10)).isInstanceOf(InvalidValueException.class)
                    .hasMessage("name must not contain control characters");
        }
        assertThat(Checks.text("a b ü", "name", 10)).isEqualTo("a b ü");
    }

    @Test
    void text_with_an_unpaired_surrogate_is_refused_naming_the_code_unit_and_where_it_is() {
        // "acme\uD800" was stored as "acme?" and then matched "acme\uDBFF", "acme\uDFFF" and "acme?".
        for (var unit : new char[] {'\uD800', '\uDBFF', '\uDC00', '\uDFFF'}) {
            assertThatThrownBy(() -> Checks.text("acme" + unit, "namespace", 255)).isInstanceOf(InvalidValueException.class)
                    .hasMessage("namespace must be well-formed Unicode text, but has an unpaired surrogate (\\u"
                            + String.format("%04X", (int) unit) + ") at position 4");
        }
        assertThatThrownBy(() -> Checks.text("\uDC00\uD800x", "name", 10)).as("a low before its high is no pair")
                .hasMessageContaining("(\\uDC00) at position 0");
        assertThatThrownBy(() -> Checks.text("a\uD83D\uDE00\uD83D", "name", 10))
                .hasMessageContaining("(\\uD83D) at position 3");
        assertThatThrownBy(() -> Checks.wellFormed("\uD83D", "text")).hasMessageContaining("at position 0");
    }

    @Test
    void text_with_paired_surrogates_is_well_formed_and_kept_as_it_is() {
        assertThat(Checks.text("team-\uD83D\uDE00", "namespace", 255)).isEqualTo("team-😀");
        assertThat(Checks.wellFormed("𝔸𝔹", "text")).isEqualTo("𝔸𝔹");
        assertThat(Checks.wellFormed("", "text")).isEmpty();
        assertThatThrownBy(() -> Checks.wellFormed(null, "text")).isInstanceOf(NullPointerException.class);
    }
}
