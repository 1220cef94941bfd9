package io.mcpconn.domain.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {

    private static Tool tool(String name, String description) {
        return Tool.of(name, Optional.of(description), Tool.NO_ARGUMENTS);
    }

    @Test
    void keeps_the_servers_order_and_finds_by_name() {
        var catalog = ToolCatalog.of(tool("b", "x"), tool("a", "y"));
        assertThat(catalog.tools()).extracting(Tool::name).containsExactly("b", "a");
        assertThat(catalog.find("a")).contains(tool("a", "y"));
        assertThat(catalog.find("c")).isEmpty();
        assertThat(catalog.size()).isEqualTo(2);
        assertThat(catalog).hasToString("ToolCatalog[b, a]");
    }

    @Test
    void names_must_be_unique_and_the_message_lists_the_duplicates() {
        assertThatThrownBy(() -> ToolCatalog.of(tool("a", "1"), tool("b", "1"), tool("a", "2"), tool("b", "2"), tool("c", "1")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("tool names must be unique within a connection, but \"a\", \"b\" are listed more than once");
    }

    @Test
    void changes_are_found_by_name() {
        var before = ToolCatalog.of(tool("keep", "same"), tool("edit", "old"), tool("drop", "x"));
        var after = ToolCatalog.of(tool("edit", "new"), tool("keep", "same"), tool("add", "x"));

        var changes = before.changesTo(after);

        assertThat(changes.added()).containsExactly("add");
        assertThat(changes.removed()).containsExactly("drop");
        assertThat(changes.changed()).containsExactly("edit");
        assertThat(before.changesTo(before).isEmpty()).isTrue();
        assertThat(ToolCatalog.EMPTY.changesTo(before).added()).containsExactly("drop", "edit", "keep");
    }

    @Test
    void equal_when_the_same_tools_are_in_the_same_order() {
        assertThat(ToolCatalog.of(List.of(tool("a", "1"), tool("b", "1"))))
                .isEqualTo(ToolCatalog.of(tool("a", "1"), tool("b", "1")))
                .hasSameHashCodeAs(ToolCatalog.of(tool("a", "1"), tool("b", "1")))
                .isNotEqualTo(ToolCatalog.of(tool("b", "1"), tool("a", "1")));
    }

    @Test
    void hashes_spread_over_distinct_catalogs() {
        var hashes = new java.util.HashSet<Integer>();
        for (int i = 0; i < 100; i++) {
            hashes.add(ToolCatalog.of(tool("tool_" + i, "x")).hashCode());
        }
        assertThat(hashes).hasSizeGreaterThan(90);
    }

    @Test
    void iterates_in_the_servers_order_and_knows_when_it_is_empty() {
        var catalog = ToolCatalog.of(tool("b", "x"), tool("a", "y"));
        assertThat(catalog).containsExactly(tool("b", "x"), tool("a", "y"));
        assertThat(catalog.isEmpty()).isFalse();
        assertThat(ToolCatalog.EMPTY.isEmpty()).isTrue();
        assertThat(ToolCatalog.EMPTY).isEmpty();
    }

    @Test
    void tool_changes_are_immutable() {
        var changes = ToolCatalog.EMPTY.changesTo(ToolCatalog.of(tool("a", "1")));
        assertThatThrownBy(() -> changes.added().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static java.util.List<Tool> numbered(int count) {
        var tools = new java.util.ArrayList<Tool>(count);
        for (int i = 0; i < count; i++) {
            tools.add(Tool.of("tool_" + i, Optional.empty(), Tool.NO_ARGUMENTS));
        }
        return tools;
    }

    @Test
    void a_connection_may_offer_10000_tools_and_not_one_more() {
        var catalog = ToolCatalog.of(numbered(ToolCatalog.MAX_TOOLS));
        assertThat(catalog.size()).isEqualTo(10_000);
        assertThat(catalog.encodedBytes()).isEqualTo(numbered(10_000).stream().mapToLong(Tool::encodedBytes).sum());
        assertThatThrownBy(() -> ToolCatalog.of(numbered(10_001)))
                .isInstanceOf(io.mcpconn.domain.shared.InvalidValueException.class)
                .hasMessage("a connection may offer at most 10000 tools (ToolCatalog.MAX_TOOLS), but 10001 are listed");
        assertThat(ToolCatalog.EMPTY.encodedBytes()).isZero();
    }

    @Test
    void the_tools_of_a_connection_take_at_most_32_mib_together() {
        var sixMegabytes = ToolTest.ofBytes(6_000_000);
        var tools = new java.util.ArrayList<Tool>();
        for (int i = 0; i < 5; i++) {
            tools.add(Tool.of("big_" + i, Optional.empty(), sixMegabytes));
        }
        assertThat(ToolCatalog.of(tools).encodedBytes()).isEqualTo(5 * (6_000_000L + 7));
        tools.add(Tool.of("big_5", Optional.empty(), sixMegabytes));
        assertThatThrownBy(() -> ToolCatalog.of(tools))
                .isInstanceOf(io.mcpconn.domain.shared.InvalidValueException.class)
                .hasMessage("the tools of a connection may take at most 33554432 bytes of JSON (32 MiB,"
                        + " ToolCatalog.MAX_BYTES), but these 6 take 36000042");
    }
}
