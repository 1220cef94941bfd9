package io.mcpconn.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's state diagram is documentation people trust; it must say what the code does. */
class ReadmeStateDiagramTest {

    private static final Pattern EDGE = Pattern.compile("^\\s*(\\[\\*]|[A-Z_]+)\\s*-->\\s*([A-Z_]+)\\s*$");

    @Test
    void the_readme_state_diagram_equals_the_transition_table() throws IOException {
        var readme = Files.readString(Path.of("..", "README.md"));
        var start = readme.indexOf("```mermaid\nstateDiagram-v2");
        assertThat(start).as("README.md has a mermaid stateDiagram-v2 block").isNotNegative();
        var diagram = readme.substring(start, readme.indexOf("```", start + 3));

        Map<ConnectionStatus, Set<ConnectionStatus>> drawn = new EnumMap<>(ConnectionStatus.class);
        for (var status : ConnectionStatus.values()) {
            drawn.put(status, EnumSet.noneOf(ConnectionStatus.class));
        }
        String initial = null;
        for (var line : diagram.split("\n")) {
            var edge = EDGE.matcher(line);
            if (!edge.matches()) {
                continue;
            }
            if (edge.group(1).equals("[*]")) {
                initial = edge.group(2);
            } else {
                drawn.get(ConnectionStatus.valueOf(edge.group(1))).add(ConnectionStatus.valueOf(edge.group(2)));
            }
        }

        assertThat(initial).isEqualTo(ConnectionStatus.initial().name());
        assertThat(drawn).isEqualTo(ConnectionStatus.transitionTable());
    }
}
