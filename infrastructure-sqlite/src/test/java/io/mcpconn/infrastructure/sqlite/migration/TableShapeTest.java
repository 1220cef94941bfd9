package io.mcpconn.infrastructure.sqlite.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.sqlite.migration.TableShape.Column;
import io.mcpconn.infrastructure.sqlite.migration.TableShape.Index;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableShapeTest {

    private static final Column ID = new Column("id", "text", true, Optional.empty(), 1);
    private static final Index UNIQUE_NAME = new Index("ux_name", true, List.of("namespace", "name"));

    @Test
    void columns_are_equal_when_every_part_is_and_the_type_is_compared_without_case() {
        assertThat(new Column("id", "TEXT", true, Optional.empty(), 1)).isEqualTo(ID).hasSameHashCodeAs(ID);
        assertThat(List.of(new Column("ID", "TEXT", true, Optional.empty(), 1),
                new Column("id", "INTEGER", true, Optional.empty(), 1),
                new Column("id", "TEXT", false, Optional.empty(), 1),
                new Column("id", "TEXT", true, Optional.of("''"), 1),
                new Column("id", "TEXT", true, Optional.empty(), 2))).allSatisfy(other -> assertThat(other).isNotEqualTo(ID));
        assertThat(ID).isNotEqualTo("id TEXT NOT NULL PRIMARY KEY");
    }

    @Test
    void indexes_are_equal_when_name_uniqueness_and_columns_in_order_are() {
        assertThat(new Index("ux_name", true, List.of("namespace", "name"))).isEqualTo(UNIQUE_NAME)
                .hasSameHashCodeAs(UNIQUE_NAME);
        assertThat(List.of(new Index("ix_name", true, List.of("namespace", "name")),
                new Index("ux_name", false, List.of("namespace", "name")),
                new Index("ux_name", true, List.of("name", "namespace")))).allSatisfy(
                        other -> assertThat(other).isNotEqualTo(UNIQUE_NAME));
        assertThat(UNIQUE_NAME).isNotEqualTo(ID);
    }

    @Test
    void differences_name_what_is_missing_different_or_unexpected() {
        var expected = new TableShape(List.of(ID, new Column("name", "TEXT", true, Optional.empty(), 0)),
                List.of(UNIQUE_NAME));
        var actual = new TableShape(List.of(new Column("id", "TEXT", false, Optional.empty(), 1),
                new Column("extra", "TEXT", false, Optional.empty(), 0)), List.of(UNIQUE_NAME));

        assertThat(actual.differencesFrom(expected)).containsExactly(
                "column id TEXT PRIMARY KEY should be id TEXT NOT NULL PRIMARY KEY",
                "missing column name TEXT NOT NULL",
                "unexpected column extra TEXT");
        assertThat(expected.differencesFrom(expected)).isEmpty();
    }
}
