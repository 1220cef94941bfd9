package io.mcpconn.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MCP reference server {@code @modelcontextprotocol/server-everything} at a pinned version,
 * installed with npm into {@code ~/.cache/mcpconn/npm/server-everything-<version>} the first time
 * a test needs it (under a file lock, so that parallel JVMs do not race), and started over stdio or
 * Streamable HTTP. Pure JDK, so that any module's tests can use it.
 *
 * <p>Its tools (13 in this version): {@code echo}, {@code get-sum}, {@code get-env},
 * {@code get-structured-content}, {@code get-tiny-image}, {@code get-resource-links},
 * {@code get-resource-reference}, {@code get-annotated-message}, {@code gzip-file-as-resource},
 * {@code toggle-simulated-logging}, {@code toggle-subscriber-updates},
 * {@code trigger-long-running-operation}, {@code simulate-research-query}. Over HTTP it listens on
 * {@code PORT} at {@code /mcp}. It sends {@code notifications/tools/list_changed} right after
 * {@code initialize}.
 */
public final class ServerEverything {

    /** The pinned version; {@code npm view @modelcontextprotocol/server-everything versions} lists others. */
    public static final String VERSION = "2026.8.31";
    public static final String PACKAGE = "@modelcontextprotocol/server-everything";

    private static final Object IN_THIS_JVM = new Object();

    private ServerEverything() {
    }

    /** Where the package is (or will be) installed. */
    public static Path installDirectory() {
        var override = System.getenv("MCPCONN_NPM_CACHE");
        var cache = override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".cache", "mcpconn", "npm");
        return cache.resolve("server-everything-" + VERSION);
    }

    /** The server's entry point, installing the package first if needed. */
    public static Path entryPoint() {
        var directory = installDirectory();
        var entry = entryPointIn(directory);
        if (Files.isRegularFile(entry)) {
            return entry;
        }
        synchronized (IN_THIS_JVM) {
            try {
                Files.createDirectories(directory.getParent());
                try (var channel = FileChannel.open(directory.resolveSibling(directory.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    // Held until the channel closes: other JVMs wait here while one installs.
                    channel.lock();
                    if (!Files.isRegularFile(entry)) {
                        install(directory);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entry;
    }

    /** {@code node <entry point> stdio}. */
    public static List<String> stdioCommand() {
        return List.of(Commands.node(), entryPoint().toString(), "stdio");
    }

    /** Starts it over Streamable HTTP on a free port and waits until it accepts connections. */
    public static RunningServer startHttp() {
        int port = FreePorts.any();
        var builder = new ProcessBuilder(Commands.node(), entryPoint().toString(), "streamableHttp");
        builder.environment().put("PORT", Integer.toString(port));
        return RunningServer.start(builder, port, "/mcp", Duration.ofSeconds(20));
    }

    /**
     * {@code node <script>}: the same server over stdio, but it ignores SIGTERM and the end of its
     * input, as badly behaved servers do; only SIGKILL ends it.
     */
    public static List<String> stubbornStdioCommand() {
        var stdio = entryPoint().resolveSibling("transports").resolve("stdio.js");
        var script = String.join("\n",
                "process.on('SIGTERM', () => process.stderr.write('ignoring SIGTERM\\n'));",
                "process.stdin.on('end', () => process.stderr.write('ignoring the end of input\\n'));",
                "setInterval(() => {}, 1 << 30);",
                "await import(" + jsString(stdio.toUri().toString()) + ");");
        try {
            var file = Files.createTempFile("mcpconn-stubborn-", ".mjs");
            Files.writeString(file, script);
            file.toFile().deleteOnExit();
            return List.of(Commands.node(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static Path entryPointIn(Path directory) {
        return directory.resolve("node_modules").resolve("@modelcontextprotocol").resolve("server-everything")
                .resolve("dist").resolve("index.js");
    }

    // Installed into a staging folder that is renamed when complete, so a half-installed copy is never used.
    private static void install(Path directory) throws IOException {
        var npm = Commands.require("npm", "npm is needed to install " + PACKAGE + "@" + VERSION + " for these tests."
                + " Install Node.js 18 or later with npm, or install the package by hand: npm install --prefix "
                + directory + " " + PACKAGE + "@" + VERSION);
        var staging = Files.createTempDirectory(directory.getParent(), "staging-");
        var command = new ArrayList<>(List.of(npm, "install", "--prefix", staging.toString(), "--no-audit", "--no-fund",
                "--loglevel=error", PACKAGE + "@" + VERSION));
        var log = staging.resolveSibling(staging.getFileName() + ".log");
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("npm could not install " + PACKAGE + "@" + VERSION + " (" + String.join(" ", command)
                        + "):\n" + Files.readString(log) + "\nInstall it by hand: npm install --prefix " + directory + " "
                        + PACKAGE + "@" + VERSION);
            }
            if (!Files.isRegularFile(entryPointIn(staging))) {
                throw new IllegalStateException("npm installed " + PACKAGE + "@" + VERSION + " without " + entryPointIn(staging));
            }
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing " + PACKAGE, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
