package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of {@code mcpconn db} commands names exactly the subcommands the command line has. */
class ReadmeDbCommandsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `mcpconn db ([\\w-]+)", Pattern.MULTILINE);

    @Test
    void theReadmesDbTableListsEveryDbSubcommandAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## The `mcpconn db` command");
        assertThat(section).as("README.md has a section on mcpconn db").isNotNegative();
        String text = readme.substring(section, readme.indexOf("\n## ", section + 1));
        TreeSet<String> documented = new TreeSet<>();
        for (Matcher row = ROW.matcher(text); row.find(); ) {
            documented.add(row.group(1));
        }

        TreeSet<String> commands = new TreeSet<>(McpconnCommand.commandLine(Map.of(), Path.of("."),
                Clock.systemUTC()).getSubcommands().get("db").getSubcommands().keySet());

        assertThat(documented).isEqualTo(commands);
    }
}
