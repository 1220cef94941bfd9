package io.mcpconn.cli;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code mcpconn} command and the options every subcommand shares. */
@Command(name = "mcpconn", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Keeps AI agents' connections to MCP servers in SQLite (or PostgreSQL), in the seed's table and"
                + " JSON formats, and uses them: connect, list tools, call.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (verify: every check passed)",
            "1:verify found a failing check; a called tool reported an error; an import left entries out",
            "2:usage error (unknown command or option, bad argument)",
            "3:refused before changing anything (unknown version, unmanaged table, edited migration, missing"
                    + " down script, data without backup, SQLite without JSON, missing database)",
            "4:database unusable (file or directory permissions, not SQLite, disk full; PostgreSQL unreachable or"
                    + " refusing the credentials)",
            "5:database locked by another process past the busy timeout; nothing changed",
            "6:a migration, down script or restore failed and was rolled back",
            "7:the MCP server failed: unreachable, refused the credentials, timed out or broke the protocol",
            "70:internal error"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  MCPCONN_DATABASE_URL  database when --db is not given: a path, jdbc:sqlite:PATH, sqlite:///PATH or",
            "                        postgresql://USER@HOST:PORT/DATABASE (never with a password in it)",
            "  TMWS_DATABASE_URL     the seed's variable, read when MCPCONN_DATABASE_URL is not set",
            "                        (sqlite+aiosqlite:///./data/tmws.db and the like)",
            "  default               " + DatabaseLocation.DEFAULT,
            "  MCPCONN_NAMESPACE     namespace of 'connections' commands when --namespace is not given (else default)",
            "  MCPCONN_AGENT         agent of 'connections' commands when --agent is not given (else cli)",
            "  MCPCONN_SECRETS       sealed (default: secrets encrypted at rest) or plaintext (the seed's format)",
            "  MCPCONN_SECRET_KEY    the keys that seal secrets, base64, comma-separated, the sealing one first",
            "  MCPCONN_SECRET_KEY_FILE  a file of such keys, one per line (default: <db>.key, created owner-only)",
            "                        (on PostgreSQL one of the two is required when secrets are sealed)",
            "  PGPASSWORD, PGPASSFILE  the PostgreSQL password, as psql reads it (default pass file: ~/.pgpass)",
            "  PGUSER                the PostgreSQL user when the URL names none (else the system user)",
            "  MCPCONN_DEBUG=1       print the stack trace of an internal error"})
public final class McpconnCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "PATH|URL",
            description = "The database: a file path, jdbc:sqlite:PATH, an SQLAlchemy URL such as"
                    + " sqlite:///./data/tmws.db, or postgresql://USER@HOST:5432/DATABASE (password from PGPASSWORD"
                    + " or ~/.pgpass) (default: $MCPCONN_DATABASE_URL, $TMWS_DATABASE_URL, " + DatabaseLocation.DEFAULT
                    + ").")
    String database;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document instead of text.")
    boolean json;

    private static final List<String> COMMANDS = List.of("db", "connections", "events");

    /** The options shared by the commands that take a value as the next word. */
    private static final List<String> OPTIONS_WITH_VALUES = List.of("--db", "--busy-timeout", "--namespace", "--agent");

    private Duration busyTimeout = Duration.ofSeconds(5);

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Clock clock;

    McpconnCommand(Map<String, String> environment, Path workingDirectory, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Builds the command line for the given environment: the real one in {@link Main}, a chosen one in tests.
     *
     * @param environment the variables to read {@code MCPCONN_DATABASE_URL} and {@code TMWS_DATABASE_URL} from
     * @param workingDirectory what relative database paths are relative to
     * @param clock what backups are named after
     */
    public static CommandLine commandLine(Map<String, String> environment, Path workingDirectory, Clock clock) {
        return commandLine(environment, workingDirectory, clock, List.of());
    }

    /**
     * Builds the command line for running {@code arguments}: when they name one of the commands
     * ({@code db}, {@code connections}, {@code events}), only that one is built, since picocli
     * reads every command's annotations when it is added, which costs a short command more than
     * its work; otherwise (top-level help, a mistyped command) all of them, for the full help and
     * picocli's suggestions.
     *
     * @param environment the variables to read {@code MCPCONN_DATABASE_URL} and {@code TMWS_DATABASE_URL} from
     * @param workingDirectory what relative database paths are relative to
     * @param clock what backups are named after
     * @param arguments the arguments the command line will be run with
     */
    public static CommandLine commandLine(Map<String, String> environment, Path workingDirectory, Clock clock,
            List<String> arguments) {
        McpconnCommand top = new McpconnCommand(environment, workingDirectory, clock);
        CommandLine commandLine = new CommandLine(top);
        Optional<String> named = commandNamed(arguments);
        if (named.isEmpty() && asksForTheVersionOnly(arguments)) {
            named = Optional.of("");
        }
        if (named.isEmpty() || named.get().equals("db")) {
            var db = new CommandLine(new DbCommand(top));
            var classes = new LinkedHashMap<String, Supplier<Object>>();
            classes.put("restore", DbRestoreCommand::new);
            classes.put("rotate-key", () -> new RotateKeyCommand(top));
            addSubcommands(db, named.flatMap(command -> subcommandNamed(arguments)), classes);
            commandLine.addSubcommand("db", db);
        }
        if (named.isEmpty() || named.get().equals("connections")) {
            var connections = new CommandLine(new ConnectionsCommand(top));
            var classes = new LinkedHashMap<String, Supplier<Object>>();
            classes.put("add", AddCommand::new);
            classes.put("import", TransferCommands.Import::new);
            classes.put("export", TransferCommands.Export::new);
            addSubcommands(connections, named.flatMap(command -> subcommandNamed(arguments)), classes);
            commandLine.addSubcommand("connections", connections);
        }
        if (named.isEmpty() || named.get().equals("events")) {
            commandLine.addSubcommand("events", new EventsCommand(top));
        }
        commandLine.setExecutionExceptionHandler((failure, line, parsed) ->
                Failures.report(failure, top.output(line), top.debug()));
        return commandLine;
    }

    /**
     * Adds to {@code parent} the commands of its class's {@code @Command} methods, then those
     * {@code classes} make, in that order: only the one {@code named}, when it is one of them,
     * otherwise (help, no command, a mistyped one) all of them, for the full help and picocli's
     * suggestions.
     */
    private static void addSubcommands(CommandLine parent, Optional<String> named,
            Map<String, Supplier<Object>> classes) {
        List<Method> methods = CommandLine.getCommandMethods(parent.getCommand().getClass(), null);
        Optional<String> known = named.filter(name -> classes.containsKey(name)
                || methods.stream().anyMatch(method -> commandName(method).equals(name)));
        for (Method method : methods) {
            if (known.isEmpty() || known.get().equals(commandName(method))) {
                parent.addSubcommand(commandName(method), new CommandLine(method));
            }
        }
        classes.forEach((name, command) -> {
            if (known.isEmpty() || known.get().equals(name)) {
                parent.addSubcommand(name, command.get());
            }
        });
    }

    private static String commandName(Method method) {
        return method.getAnnotation(Command.class).name();
    }

    /** Whether the arguments are top-level options only, one of them {@code --version}: no command needs building. */
    static boolean asksForTheVersionOnly(List<String> arguments) {
        return (arguments.contains("--version") || arguments.contains("-V"))
                && arguments.stream().allMatch(argument -> argument.startsWith("-"));
    }

    /** The command the arguments run: their first word that is neither an option nor an option's value. */
    static Optional<String> commandNamed(List<String> arguments) {
        return word(arguments, 0).filter(COMMANDS::contains);
    }

    /** The subcommand of that command the arguments run, if they name one: the word after it. */
    static Optional<String> subcommandNamed(List<String> arguments) {
        return word(arguments, 1);
    }

    /** The arguments' word {@code n} (from 0) that is neither an option nor an option's value. */
    private static Optional<String> word(List<String> arguments, int n) {
        int words = 0;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (OPTIONS_WITH_VALUES.contains(argument)) {
                i++;
            } else if (!argument.startsWith("-") && words++ == n) {
                return Optional.of(argument);
            }
        }
        return Optional.empty();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command; try: mcpconn connections --help or mcpconn db --help");
    }

    DatabaseLocation location() {
        return DatabaseLocation.resolve(Optional.ofNullable(database), environment, workingDirectory);
    }

    @Option(names = "--busy-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "5",
            description = "How long to wait for another process's lock on the database (default: ${DEFAULT-VALUE}).")
    void busyTimeout(double seconds) {
        if (seconds < 0 || seconds > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--busy-timeout must be between 0 and 3600 seconds, was " + seconds);
        }
        busyTimeout = Duration.ofMillis(Math.round(seconds * 1000));
    }

    Duration busyTimeout() {
        return busyTimeout;
    }

    Clock clock() {
        return clock;
    }

    Output output(CommandLine line) {
        return new Output(line.getOut(), line.getErr(), json);
    }

    Optional<String> environment(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    Map<String, String> environment() {
        return environment;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    private boolean debug() {
        return "1".equals(environment.get("MCPCONN_DEBUG"));
    }
}
