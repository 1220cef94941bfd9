package io.mcpconn.infrastructure.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {

    private static final List<String> SHIPPED = List.of("1", "2", "10");

    @Test
    void versionsAreOrderedAsNumbersNotAsText() {
        assertThat(SchemaVersion.newer("10", "2")).isTrue();
        assertThat(SchemaVersion.newer("2", "10")).isFalse();
        assertThat(SchemaVersion.newer("2", "2")).isFalse();
        assertThat(List.of(new SchemaVersion("10"), new SchemaVersion("1"), new SchemaVersion("2")).stream().sorted()
                .map(SchemaVersion::value)).containsExactly("1", "2", "10");
    }

    @Test
    void theWordsForAVersionAreReadAgainstTheShippedOnes() {
        assertThat(SchemaVersion.resolve("2", false, SHIPPED)).contains("2");
        assertThat(SchemaVersion.resolve(" V2 ", false, SHIPPED)).contains("2");
        assertThat(SchemaVersion.resolve("v10", false, SHIPPED)).contains("10");
        assertThat(SchemaVersion.resolve("HEAD", false, SHIPPED)).contains("10");
        assertThat(SchemaVersion.resolve("ff4b1a18d2f0", false, SHIPPED)).contains("1");
    }

    @Test
    void baseIsAVersionOnlyWhereGoingBelowEveryMigrationIsMeant() {
        assertThat(SchemaVersion.resolve("base", true, SHIPPED)).contains(SchemaVersion.BASE);
        assertThat(SchemaVersion.resolve("0", true, SHIPPED)).contains(SchemaVersion.BASE);
        assertThat(SchemaVersion.resolve("base", false, SHIPPED)).isEmpty();
        assertThat(SchemaVersion.resolve("0", false, SHIPPED)).isEmpty();
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(SchemaVersion.resolve("3", true, SHIPPED)).isEmpty();
        assertThat(SchemaVersion.resolve("V", true, SHIPPED)).isEmpty();
        assertThat(SchemaVersion.resolve("head", true, List.of())).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> new SchemaVersion("two")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaVersion("")).isInstanceOf(IllegalArgumentException.class);
    }
}
