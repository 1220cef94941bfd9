package io.mcpconn.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.disconnect.DisconnectCommand;
import io.mcpconn.application.query.ListConnectionsQuery;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.application.removal.RemoveConnectionCommand;
import io.mcpconn.application.tool.CallToolCommand;
import io.mcpconn.application.tool.RefreshToolsCommand;
import io.mcpconn.application.transfer.ImportCommand;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.secrets.SecretKeyRing;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.mcp.clientconfig.ClientConfigFormat;
import io.mcpconn.infrastructure.mcp.clientconfig.ClientConfigReader;
import io.mcpconn.infrastructure.mcp.clientconfig.ClientConfigWriter;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.infrastructure.postgres.database.PostgresLocation;
import io.mcpconn.runtime.Mcpconn;
import io.mcpconn.runtime.McpconnBuilder;
import io.mcpconn.testkit.postgres.PostgresServer;
import io.mcpconn.testkit.secrets.SecretScan;
import io.mcpconn.testkit.servers.EchoingServer;
import io.mcpconn.testkit.servers.FreePorts;
import io.mcpconn.testkit.servers.RunningServer;
import io.mcpconn.testkit.servers.ServerEverything;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secrets suite, through the runtime entry point: every use case, on each storage (in memory,
 * SQLite, PostgreSQL), with connections holding four known secrets (an api key, a secret header,
 * a URL password, a stdio env value), on paths that work and paths that fail (server unreachable,
 * wrong command, servers that fail and echo what they were sent, invalid configuration). Every log
 * line, everything printed, every event and its fields, every exception (message, causes, stack
 * trace), every returned object's {@code toString}, the raw database rows and files are captured,
 * and none may hold a secret in any encoding ({@link SecretScan}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeSecretsTest {

    static {
        // Before SLF4J starts: everything mcpconn logs, at every level; the libraries at INFO, an embedding
        // runtime's usual default. (At DEBUG the MCP SDK logs the raw wire traffic, response bodies
        // included, which mcpconn cannot redact: a runtime must not turn that on where servers echo secrets.)
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.log.io.mcpconn", "trace");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "true");
    }

    static final String API_KEY = SecretScan.newSecret("ak-", "-_");
    static final String HEADER = SecretScan.newSecret("hk-", "/+=");
    static final String URL_PASSWORD = SecretScan.newSecret("pw-", "-._~");
    static final String ENV_VALUE = SecretScan.newSecret("ev-", "/=");

    private static final Namespace TEAM = Namespace.of("team-secrets");
    private static final AgentId AGENT = AgentId.of("agent-s");
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final Duration SHORT = Duration.ofSeconds(5);

    private static SecretScan scan;
    private static CapturedStreams streams;
    private static RunningServer everything;
    private static EchoingServer echoing;
    private static long started;

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() {
        started = System.nanoTime();
        var secrets = new LinkedHashMap<String, String>();
        secrets.put("api key", API_KEY);
        secrets.put("secret header", HEADER);
        secrets.put("URL password", URL_PASSWORD);
        secrets.put("stdio env value", ENV_VALUE);
        scan = SecretScan.of(secrets);
        streams = new CapturedStreams();
        everything = ServerEverything.startHttp();
        echoing = new EchoingServer();
    }

    @AfterAll
    static void stop() {
        if (echoing != null) {
            echoing.close();
        }
        if (everything != null) {
            everything.close();
        }
        if (streams != null) {
            streams.close();
        }
    }

    // ---- configurations holding the secrets

    static String withPassword(String url) {
        return url.replaceFirst("://", "://mcpuser:" + URL_PASSWORD + "@");
    }

    static ConnectionConfig httpWithKey(String url) {
        return ConnectionConfig.of(HttpTransport.of(url, Map.of("X-Api-Key", HEADER))).withApiKey(ApiKey.of(API_KEY))
                .withRetryAttempts(0).withTimeout(SHORT);
    }

    static ConnectionConfig httpWithPassword(String url) {
        return ConnectionConfig.of(HttpTransport.of(withPassword(url), Map.of("X-Api-Key", HEADER)))
                .withRetryAttempts(0).withTimeout(SHORT);
    }

    static ConnectionConfig stdio(List<String> command) {
        return ConnectionConfig.of(new StdioTransport(command.get(0), command.subList(1, command.size()),
                Map.of("API_TOKEN", ENV_VALUE), Optional.empty())).withRetryAttempts(0).withTimeout(Duration.ofSeconds(20));
    }

    /** Every configuration, by server name: those that work first, then those that fail. */
    static Map<String, ConnectionConfig> configurations() {
        var configs = new LinkedHashMap<String, ConnectionConfig>();
        configs.put("http-key", httpWithKey(everything.url()));
        configs.put("http-password", httpWithPassword(everything.url()));
        configs.put("stdio-env", stdio(ServerEverything.stdioCommand()));
        var closed = "http://127.0.0.1:" + FreePorts.any() + "/mcp";
        configs.put("unreachable-key", httpWithKey(closed));
        configs.put("unreachable-password", httpWithPassword(closed));
        configs.put("wrong-command", stdio(List.of("/nonexistent/mcp-server-" + System.nanoTime(), "stdio")));
        configs.put("erroring-stdio", stdio(List.of("/bin/sh", "-c",
                "echo \"starting with API_TOKEN=$API_TOKEN\" >&2; echo \"{\\\"token\\\": \\\"$API_TOKEN\\\"}\"; exit 3")));
        for (var path : List.of("/unauthorized", "/broken", "/rpc-error")) {
            configs.put("echo-key" + path.replace('/', '-'), httpWithKey(echoing.url(path)));
            configs.put("echo-password" + path.replace('/', '-'), httpWithPassword(echoing.url(path)));
        }
        return configs;
    }

    // ---- the scenario, once per storage

    @ParameterizedTest(name = "{0}")
    @Order(1)
    @ValueSource(strings = {"in-memory", "sqlite", "postgres"})
    void every_use_case_on_every_path(String storage) throws Exception {
        var builder = builder(storage);
        // What callers see of a returned object: its toString (a record's accessors hand out what it holds,
        // by design: a transport's headers() are what is sent).
        Function<Object, Object> show = value -> {
            scan.add(storage + " returned objects", String.valueOf(value));
            return value;
        };
        var configs = configurations();
        try (var mcp = builder.events(stored -> {
            scan.addObject(storage + " events", stored);
            scan.addObject(storage + " events", stored.event());
        })
                .start()) {
            show.apply(mcp.createdKeyFile());
            for (var entry : configs.entrySet()) {
                show.apply(entry.getValue());
                show.apply(entry.getValue().transport());
                show.apply(entry.getValue().apiKey());
                show.apply(entry.getValue().secrets());
                var registration = mcp.register().handle(new RegisterConnectionCommand(TEAM, AGENT,
                        ServerName.of(entry.getKey()), entry.getValue()));
                show.apply(registration);
                show.apply(registration.connection().config());
                show.apply(registration.connection().snapshot());
            }
            // The same name with another configuration: refused.
            attempt(storage, "register again", () -> mcp.register().handle(new RegisterConnectionCommand(TEAM,
                    AgentId.of("someone-else"), ServerName.of("http-key"), httpWithPassword(everything.url()))));

            for (var name : configs.keySet()) {
                var ref = ConnectionRef.named(name);
                var connected = attempt(storage, "connect " + name, () -> mcp.connect().handle(new ConnectCommand(TEAM, ref)));
                assertThat(connected).as("whether %s connects (%s)", name, storage)
                        .matches(result -> result.isPresent() == List.of("http-key", "http-password", "stdio-env").contains(name));
                var view = show.apply(mcp.connections().get(TEAM, ref));
                show.apply(mcp.connections().get(TEAM, ref).connection().lastError());
                show.apply(mcp.connections().get(TEAM, ref).connection().config());
                if (connected.isEmpty()) {
                    assertThat(view.toString()).as(name + " failed").contains("ERROR");
                    attempt(storage, "refresh " + name, () -> mcp.refreshTools().handle(new RefreshToolsCommand(TEAM, ref)));
                    attempt(storage, "call " + name, () -> mcp.callTool().handle(new CallToolCommand(TEAM, ref, "echo",
                            JsonValue.object(Map.of("message", JsonValue.string("hello"))))));
                    continue;
                }
                attempt(storage, "connect again " + name, () -> mcp.connect().handle(new ConnectCommand(TEAM, ref)));
                attempt(storage, "refresh " + name, () -> mcp.refreshTools().handle(new RefreshToolsCommand(TEAM, ref)));
                attempt(storage, "call " + name, () -> mcp.callTool().handle(new CallToolCommand(TEAM, ref, "echo",
                        JsonValue.object(Map.of("message", JsonValue.string("hello from " + name))))));
                attempt(storage, "call bad arguments " + name, () -> mcp.callTool().handle(new CallToolCommand(TEAM, ref,
                        "get-sum", JsonValue.object(Map.of("a", JsonValue.string("two"))))));
                attempt(storage, "call unknown tool " + name, () -> mcp.callTool().handle(new CallToolCommand(TEAM, ref,
                        "fly", JsonValue.object(Map.of()))));
                attempt(storage, "call erroring tool " + name, () -> mcp.callTool().handle(new CallToolCommand(TEAM, ref,
                        "trigger-long-running-operation", JsonValue.object(Map.of("duration", JsonValue.number(-1))))));
                if (!name.equals("stdio-env")) {
                    attempt(storage, "disconnect " + name, () -> mcp.disconnect().handle(
                            DisconnectCommand.requested(TEAM, ref)));
                    attempt(storage, "disconnect again " + name, () -> mcp.disconnect().handle(
                            DisconnectCommand.requested(TEAM, ref)));
                }
            }
            mcp.connections().list(ListConnectionsQuery.all(TEAM)).items().forEach(show::apply);
            show.apply(mcp.connections().list(ListConnectionsQuery.all(TEAM)));

            importAndExport(storage, mcp, show);
            dumpStorage(storage, "before removal");

            for (var name : configs.keySet()) {
                attempt(storage, "remove " + name + " by another agent", () -> mcp.remove().handle(
                        new RemoveConnectionCommand(TEAM, AgentId.of("intruder"), ConnectionRef.named(name))));
            }
            // stdio-env stays connected: closing the runtime disconnects it.
            for (var name : configs.keySet()) {
                if (!name.equals("stdio-env")) {
                    attempt(storage, "remove " + name, () -> mcp.remove().handle(
                            new RemoveConnectionCommand(TEAM, AGENT, ConnectionRef.named(name))));
                }
            }
        }
        dumpStorage(storage, "after close");
    }

    private static void importAndExport(String storage, Mcpconn mcp, Function<Object, Object> show) {
        var reader = new ClientConfigReader(Map.of("HEADER_VAR", HEADER), directory);
        var file = """
                {"mcpServers": {
                  "imported-http": {"url": "%s", "headers": {"X-Api-Key": "${env:HEADER_VAR}",
                                    "Authorization": "Bearer %s"}},
                  "imported-stdio": {"command": "/bin/true", "args": ["stdio"], "env": {"API_TOKEN": "%s"}},
                  "bad-scheme": {"url": "ftp://mcpuser:%s@127.0.0.1/x", "headers": {"X-Api-Key": "%s"}},
                  "bad-header": {"url": "http://127.0.0.1/x", "headers": {"X-Api-Key": "%s\\nInjected: %s"}},
                  "bad-both": {"command": "/bin/true", "url": "http://mcpuser:%s@127.0.0.1/x", "env": {"T": "%s"}}
                }}""".formatted(withPassword(everything.url()), API_KEY, ENV_VALUE, URL_PASSWORD, HEADER, HEADER, API_KEY,
                URL_PASSWORD, ENV_VALUE);
        var parsed = reader.read(file);
        show.apply(parsed);
        parsed.entries().forEach(show::apply);
        for (boolean dryRun : new boolean[] {true, false}) {
            var report = mcp.importConnections().handle(new ImportCommand(TEAM, AGENT, parsed.entries(), false, dryRun));
            show.apply(report);
            report.lines().forEach(show::apply);
        }
        // The same servers with other secrets: an update, with configuration-changed events.
        var changed = new ClientConfigReader(Map.of("HEADER_VAR", HEADER + "2"), directory).read(file);
        var updated = mcp.importConnections().handle(new ImportCommand(TEAM, AGENT, changed.entries(), true, false));
        show.apply(updated);
        updated.lines().forEach(show::apply);
        attempt(storage, "read a truncated file", () -> reader.read(file.substring(0, file.indexOf(API_KEY) + 10)));
        attempt(storage, "read a file with a wrong type", () -> reader.read(
                "{\"mcpServers\": {\"x\": {\"url\": [\"" + withPassword(everything.url()) + "\"], \"headers\": {\"X-Api-Key\": \""
                        + HEADER + "\"}}}}"));

        var export = mcp.exportConnections().handle(TEAM, Optional.empty());
        show.apply(export);
        export.servers().forEach(show::apply);
        for (var format : ClientConfigFormat.values()) {
            scan.add(storage + " export " + format, ClientConfigWriter.write(format, export.servers(), false));
            // Asked for, secrets are written: the scan must find each of them there (a check of the scan itself).
            var withSecrets = ClientConfigWriter.write(format, export.servers(), true);
            assertThat(scan.findingsIn("export with secrets", withSecrets)).extracting(SecretScan.Finding::secret)
                    .as("the scan finds the secrets an export with secrets holds")
                    .contains("api key", "secret header", "URL password", "stdio env value");
        }
    }

    // ---- configuration a user gets wrong

    @Test
    @Order(2)
    void invalid_configurations_are_refused_without_repeating_their_secrets() {
        var host = "127.0.0.1:" + everything.port();
        List<Runnable> attempts = List.of(
                () -> HttpTransport.of("ftp://mcpuser:" + URL_PASSWORD + "@" + host + "/mcp"),
                () -> HttpTransport.of("http://mcpuser:" + URL_PASSWORD + "@ho st/mcp"),
                () -> HttpTransport.of("http://mcpuser:" + URL_PASSWORD + "@/mcp"),
                () -> HttpTransport.of("mcpuser:" + URL_PASSWORD + "@" + host),
                () -> HttpTransport.of("http://" + host + "/mcp?api_key=" + API_KEY + "&x=%zz"),
                () -> HttpTransport.of("http://" + host + "/mcp", Map.of("X-Api-Key", HEADER + "\nInjected: 1")),
                () -> HttpTransport.of("http://" + host + "/mcp", Map.of("Host", HEADER)),
                () -> HttpTransport.of("http://" + host + "/mcp", Map.of("X-Api-Key: " + HEADER, "x")),
                () -> HttpTransport.of("http://" + host + "/mcp", Map.of("Authorization", "Bearer " + API_KEY,
                        "authorization", "Bearer " + API_KEY)),
                () -> ApiKey.of(API_KEY + "\n"),
                () -> ApiKey.of(API_KEY).inHeader("X-Api-Key: " + HEADER),
                () -> ConnectionConfig.stdio("node", "server.js").withApiKey(ApiKey.of(API_KEY)),
                () -> httpWithKey("http://" + host + "/mcp").withTimeout(Duration.ZERO),
                () -> httpWithKey("http://" + host + "/mcp").withRetryAttempts(-1),
                () -> new ConnectionConfig(HttpTransport.of(withPassword("http://" + host + "/mcp")), SHORT, 0, false,
                        Optional.of(ApiKey.of(API_KEY))),
                () -> new StdioTransport("node", List.of(), Map.of("API TOKEN", ENV_VALUE), Optional.empty()),
                () -> new StdioTransport("node", List.of(), Map.of("API_TOKEN", ENV_VALUE + "\0"), Optional.empty()),
                () -> new StdioTransport("node", List.of("--token", ENV_VALUE + "\0"), Map.of(), Optional.empty()),
                () -> new StdioTransport("node", List.of(), Map.of("API_TOKEN", ENV_VALUE), Optional.of(Path.of("relative"))));
        int refused = 0;
        for (var attempt : attempts) {
            if (attempt("config", "invalid configuration", () -> {
                attempt.run();
                return null;
            }).isEmpty()) {
                refused++;
            }
        }
        assertThat(refused).as("every invalid configuration is refused").isEqualTo(attempts.size());
    }

    // ---- the verdict

    @Test
    @Order(3)
    void no_secret_appears_in_anything_captured() {
        streams.close();
        scan.add("System.out (all logs and prints)", streams.out());
        scan.add("System.err (all logs and prints)", streams.err());
        var log = streams.err();
        assertThat(log).as("log lines were captured").contains("io.mcpconn");
        assertThat(scan.sourceNames()).as("every storage published events and had its rows read")
                .contains("in-memory events", "sqlite events", "postgres events", "sqlite database rows", "postgres database rows");
        var figures = scan.figures();
        System.out.printf("RuntimeSecretsTest: %s (%s); %.1f s%n", figures, String.join(", ", scan.sourceNames()),
                (System.nanoTime() - started) / 1e9);
        scan.assertClean();
    }

    // ---- helpers

    private static McpconnBuilder builder(String storage) {
        return switch (storage) {
            case "in-memory" -> Mcpconn.inMemory();
            case "sqlite" -> Mcpconn.sqlite(directory.resolve("sqlite").resolve("tmws.db")).secretsEnvironment(Map.of());
            case "postgres" -> Mcpconn.postgres(postgres()).secrets(SecretsAtRest.sealed(SecretKeyRing.parse(KEY, "test"), "test"));
            default -> throw new IllegalArgumentException(storage);
        };
    }

    private static String postgresDatabase;

    private static PostgresDatabaseOptions postgres() {
        var server = PostgresServer.shared();
        postgresDatabase = server.createDatabase("secrets");
        return PostgresDatabaseOptions.of(PostgresLocation.parse(server.jdbcUrl(postgresDatabase)))
                .withUser(server.user()).withPassword(server.password()).withPoolSize(2);
    }

    /** Runs {@code action}, capturing what it returns or throws; empty if it threw. */
    private static <T> Optional<T> attempt(String storage, String what, java.util.concurrent.Callable<T> action) {
        try {
            var result = action.call();
            scan.add(storage + " returned objects", String.valueOf(result));
            return Optional.ofNullable(result);
        } catch (Exception | AssertionError e) {
            scan.add(storage + " exceptions", what + ":");
            scan.addThrowable(storage + " exceptions", e);
            return Optional.empty();
        }
    }

    /** Every table's rows, and the database's files, as stored. */
    private static void dumpStorage(String storage, String when) throws Exception {
        var source = storage + " database rows";
        if (storage.equals("sqlite")) {
            var file = directory.resolve("sqlite").resolve("tmws.db");
            var configs = new ArrayList<String>();
            try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                 var tables = connection.createStatement().executeQuery(
                         "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                var names = new ArrayList<String>();
                while (tables.next()) {
                    names.add(tables.getString(1));
                }
                for (var table : names) {
                    try (var rows = connection.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            var row = new StringBuilder(when + " " + table + ":");
                            for (int i = 1; i <= columns; i++) {
                                var label = rows.getMetaData().getColumnLabel(i);
                                row.append(' ').append(label).append('=').append(rows.getString(i));
                                if (table.equals("mcp_connections") && label.equals("config_json")) {
                                    configs.add(rows.getString(i));
                                }
                            }
                            scan.add(source, row.toString());
                        }
                    }
                }
            }
            assertSealed(configs);
            try (var files = Files.list(file.getParent())) {
                for (var each : files.toList()) {
                    scan.add(storage + " files", each + ": " + new String(Files.readAllBytes(each), StandardCharsets.ISO_8859_1));
                }
            }
        } else if (storage.equals("postgres")) {
            var server = PostgresServer.shared();
            var tables = server.psql(postgresDatabase, "SELECT string_agg(table_name, ',' ORDER BY table_name)"
                    + " FROM information_schema.tables WHERE table_schema = 'public'");
            for (var table : tables.split(",")) {
                scan.add(source, when + " " + table + ":\n" + server.psql(postgresDatabase, "SELECT t::text FROM \"" + table + "\" t"));
            }
            var configs = server.psql(postgresDatabase, "SELECT config_json::text FROM mcp_connections");
            assertSealed(configs.isEmpty() ? List.of() : List.of(configs.split("\n")));
        }
    }

    /** Every stored configuration here holds secrets, so each must hold them sealed. */
    private static void assertSealed(List<String> configs) {
        for (var config : configs) {
            assertThat(config).as("config_json holds its secrets sealed").contains(SecretsAtRest.PREFIX);
            assertThat(scan.findingsIn("config_json", config)).isEmpty();
        }
    }
}
