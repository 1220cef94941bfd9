package io.mcpconn.testkit.servers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the programs the fixtures start, and fails with how to install one that is missing. */
public final class Commands {

    private Commands() {
    }

    /** The absolute path of {@code node}. */
    public static String node() {
        return require("node", "Node.js 18 or later is needed to run the MCP reference server in these tests;"
                + " install it (e.g. apt-get install nodejs npm) and make sure node is on the PATH");
    }

    /** The absolute path of {@code program} on the PATH, or a failure saying {@code howToInstall}. */
    public static String require(String program, String howToInstall) {
        for (var entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            var candidate = Path.of(entry.isEmpty() ? "." : entry, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        throw new IllegalStateException(program + " was not found on the PATH. " + howToInstall);
    }

    /**
     * The command that runs {@code mainClass} of the test classpath in a JVM of its own, tuned to
     * start fast (these children live for one test).
     */
    public static List<String> java(String mainClass, String... args) {
        var command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx128m",
                "-cp", testClasspath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** The test classpath: Surefire's manifest-only jar hides it from java.class.path. */
    public static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
