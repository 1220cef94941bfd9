package io.mcpconn.cli;

import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine;

/**
 * Option values that may be given indirectly, as {@code @env:VAR} (an environment variable) or
 * {@code @file:PATH} (a file's content, a trailing line break dropped), so that secrets need not be
 * typed where shell history keeps them. Messages name the option and the variable or file, never
 * the value.
 */
final class CommandLineValues {

    /** A value, and whether it was typed on the command line itself. */
    record Value(String value, boolean literal) {
    }

    /** A {@code NAME=VALUE} option. */
    record Pair(String name, String value, boolean literal) {
    }

    private final McpconnCommand top;
    private final CommandLine commandLine;

    CommandLineValues(McpconnCommand top, CommandLine commandLine) {
        this.top = top;
        this.commandLine = commandLine;
    }

    Value resolve(String option, String given) {
        if (given.startsWith("@env:")) {
            var variable = given.substring("@env:".length());
            return new Value(top.environment(variable).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                    option + " reads the environment variable " + variable + ", which is not set")), false);
        }
        if (given.startsWith("@file:")) {
            var file = top.workingDirectory().resolve(given.substring("@file:".length()));
            try {
                return new Value(Files.readString(file).replaceFirst("\\R\\z", ""), false);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandLine, option + " reads the file " + file
                        + ", which cannot be read (" + e.getClass().getSimpleName() + "); check the path and its permissions");
            }
        }
        return new Value(given, true);
    }

    Pair pair(String option, String given) {
        int eq = given.indexOf('=');
        if (eq <= 0) {
            throw new CommandLine.ParameterException(commandLine, option + " takes NAME=VALUE, e.g. " + option
                    + " X-Tenant=acme or " + option + " TOKEN=@env:MY_TOKEN");
        }
        var name = given.substring(0, eq);
        var value = resolve(option + " " + name, given.substring(eq + 1));
        return new Pair(name, value.value(), value.literal());
    }
}
