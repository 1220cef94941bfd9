package io.mcpconn.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Runs {@code mcpconn} and exits with its {@link ExitCode}. */
public final class Main {

    private Main() {
    }

    /** Runs the command line. */
    public static void main(String[] args) {
        // jOOQ greets on first use; the CLI's output is for the user's command only.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        int code = McpconnCommand.commandLine(System.getenv(), Path.of(""), Clock.systemDefaultZone(),
                List.of(args)).execute(args);
        System.exit(code);
    }
}
