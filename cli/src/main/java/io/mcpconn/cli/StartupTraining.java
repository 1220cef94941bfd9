package io.mcpconn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * What the {@code ./mcpconn} launcher runs once per build and JDK to make its class-data-sharing
 * archive: the reading commands and a registration, on a throwaway database in the directory
 * given, in one JVM, so that the archive holds the classes every short command needs whatever
 * command ran first. Prints nothing; the archive only makes later starts faster.
 *
 * <p>Given a second directory, it also copies the SQLite driver's native library for this
 * machine there: the launcher points the driver at it, which then neither extracts its library
 * into the temporary directory nor runs {@code uname} on every start.
 */
public final class StartupTraining {

    private static final String TRAINING_KEY = "MCPCONN_TRAINING_API_KEY";
    private static final List<List<String>> COMMANDS = List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("db", "head"),
            List.of("db", "current"),
            List.of("db", "upgrade", "--no-backup"),
            List.of("db", "current"),
            List.of("db", "history"),
            List.of("db", "verify"),
            // One connection of each transport, with sealed secrets, so that reading rows back (and
            // opening what is sealed in them) is in the archive too.
            List.of("connections", "add", "training", "--url", "http://127.0.0.1:9/mcp", "--api-key-env", TRAINING_KEY,
                    "--header", "Authorization=@env:" + TRAINING_KEY),
            List.of("connections", "add", "training-stdio", "--stdio", "training-server --flag", "--env", "TOKEN=@env:" + TRAINING_KEY),
            List.of("connections", "list"),
            List.of("--json", "connections", "list"),
            List.of("connections", "show", "training"),
            List.of("connections", "show", "training-stdio"),
            List.of("connections", "tools", "training"),
            List.of("events"));

    private StartupTraining() {
    }

    /**
     * Runs the commands on a database in {@code args[0]}, a directory the caller removes afterwards,
     * after copying the SQLite native library into {@code args[1]} if given.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: StartupTraining DIRECTORY [NATIVE-LIBRARY-DIRECTORY]");
        }
        if (args.length == 2) {
            copyNativeLibrary(Path.of(args[1]));
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Path directory = Path.of(args[0]);
        Map<String, String> environment = new HashMap<>();
        environment.put("MCPCONN_DATABASE_URL", directory.resolve("training.db").toString());
        environment.put(TRAINING_KEY, "training-key");
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        List<String> failed = new ArrayList<>();
        for (List<String> command : COMMANDS) {
            var line = McpconnCommand.commandLine(environment, directory, Clock.systemUTC(), command);
            line.setOut(nowhere);
            line.setErr(nowhere);
            if (line.execute(command.toArray(String[]::new)) != 0) {
                failed.add(String.join(" ", command));
            }
        }
        // A command that fails trains the archive on its error path instead: the launcher then
        // makes none, and LauncherIT says so.
        if (!failed.isEmpty()) {
            throw new IllegalStateException("training commands failed: " + String.join("; ", failed));
        }
    }

    /** Copies the driver's library for this machine into {@code directory}, whole or not at all. */
    static Path copyNativeLibrary(Path directory) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        Files.createDirectories(directory);
        Path target = directory.resolve(name);
        Path partial = Files.createTempFile(directory, name, ".partial");
        try (InputStream library = StartupTraining.class.getResourceAsStream(resource)) {
            if (library == null) {
                throw new IOException("The SQLite driver has no native library " + resource + " for this machine");
            }
            Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }
}
