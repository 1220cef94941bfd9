package io.mcpconn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real {@code mcpconn} entry point in this JVM with captured output. */
final class Cli {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-12T13:30:05Z"), ZoneOffset.UTC);

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {

        /** Both streams, for assertion messages. */
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Path workingDirectory;
    private final Map<String, String> environment = new HashMap<>();

    Cli(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    Cli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // As Main builds it: only the command the arguments name.
        CommandLine commandLine = McpconnCommand.commandLine(environment, workingDirectory, CLOCK, List.of(args));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
