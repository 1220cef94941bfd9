package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line builds only the command its arguments name, and everything when they name none. */
class McpconnCommandTest {

    @TempDir
    Path directory;

    @Test
    void theCommandIsTheFirstWordThatIsNoOptionNorAnOptionsValue() {
        assertThat(McpconnCommand.commandNamed(List.of("db", "current"))).contains("db");
        assertThat(McpconnCommand.commandNamed(List.of("--db", "connections", "events", "list"))).contains("events");
        assertThat(McpconnCommand.commandNamed(List.of("--busy-timeout", "2", "--json", "connections", "list")))
                .contains("connections");
        assertThat(McpconnCommand.commandNamed(List.of("--db=x.db", "db", "head"))).contains("db");
        assertThat(McpconnCommand.commandNamed(List.of("--help"))).isEmpty();
        assertThat(McpconnCommand.commandNamed(List.of("dbb", "current"))).isEmpty();
        assertThat(McpconnCommand.commandNamed(List.of())).isEmpty();
    }

    @Test
    void onlyTheNamedCommandIsBuiltAndEveryOneOtherwise() {
        assertThat(subcommands("db", "head")).containsExactly("db");
        assertThat(subcommands("--json", "connections", "list")).containsExactly("connections");
        assertThat(subcommands("events")).containsExactly("events");
        assertThat(subcommands("--version")).isEmpty();
        assertThat(subcommands("--json", "-V")).isEmpty();
        assertThat(subcommands("--help")).containsExactly("db", "connections", "events");
        assertThat(subcommands("--db", "x.db", "--version")).containsExactly("db", "connections", "events");
        assertThat(subcommands("conections", "list")).containsExactly("db", "connections", "events");
    }

    @Test
    void theVersionIsPrintedWithoutAnyCommandBuilt() {
        var result = new Cli(directory).run("--version");

        assertThat(result.code()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).startsWith("mcpconn ").contains("schema head 6");
    }

    @Test
    void aMistypedCommandIsStillAnsweredWithTheOnesThatExist() {
        var result = new Cli(directory).run("conections", "list");

        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("connections");
    }

    private List<String> subcommands(String... arguments) {
        return List.copyOf(McpconnCommand.commandLine(Map.of(), directory, Cli.CLOCK, List.of(arguments))
                .getSubcommands().keySet());
    }
}
