package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
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
 * The secrets suite on the command line: every {@code connections} and {@code db} command, on
 * SQLite and PostgreSQL, with connections holding four known secrets (given through variables and
 * files, as the CLI asks), on working and failing paths, and with the secrets offered literally
 * (refused). Every command's stdout and stderr, every log line (the CLI's logger writes to
 * {@code System.err}), the database rows, backups and written files are scanned; only
 * {@code export --include-secrets} and the plaintext mode may show them, and must.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliSecretsTest {

    static final String API_KEY = SecretScan.newSecret("ak-", "-_");
    static final String HEADER = SecretScan.newSecret("hk-", "/+=");
    static final String URL_PASSWORD = SecretScan.newSecret("pw-", "-._~");
    static final String ENV_VALUE = SecretScan.newSecret("ev-", "/=");
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static SecretScan scan;
    private static CapturedStreams streams;
    private static RunningServer everything;
    private static EchoingServer echoing;
    private static long started;
    private static int commands;

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

    private static String withPassword(String url) {
        return url.replaceFirst("://", "://mcpuser:" + URL_PASSWORD + "@");
    }

    private static String quoted(List<String> words) {
        return String.join(" ", words.stream().map(word -> "'" + word + "'").toList());
    }

    /** One database: the CLI with its environment, and a name for the scan's sources. */
    private record Target(String name, Cli cli, List<String> db, Path home) {
        Cli.Result run(String... args) {
            var full = Stream.concat(db.stream(), Stream.of(args)).toArray(String[]::new);
            var result = cli.run(full);
            commands++;
            // The command line is the test's own input (some of it secrets offered literally, to be refused): shown masked.
            scan.add(name + " command output", "$ mcpconn " + scan.mask(String.join(" ", args)) + "\n" + result);
            return result;
        }
    }

    private static Target target(String storage, Path home) throws Exception {
        Files.createDirectories(home);
        var cli = new Cli(home).env("MCPCONN_NAMESPACE", "team-s").env("MCPCONN_AGENT", "agent-s")
                .env("API_KEY_VAR", API_KEY).env("HEADER_VAR", HEADER).env("ENV_VAR", ENV_VALUE)
                .env("URL_VAR", withPassword(everything.url()))
                .env("CLOSED_URL_VAR", withPassword("http://127.0.0.1:" + FreePorts.any() + "/mcp"))
                .env("FTP_URL_VAR", "ftp://mcpuser:" + URL_PASSWORD + "@127.0.0.1/x")
                .env("HEADER_LINE_VAR", HEADER + "\nInjected: 1");
        for (var path : List.of("/unauthorized", "/broken", "/rpc-error")) {
            cli.env("ECHO" + path.replace("/", "_").replace("-", "_").toUpperCase(java.util.Locale.ROOT) + "_VAR",
                    withPassword(echoing.url(path)));
        }
        Files.writeString(home.resolve("key.txt"), API_KEY + "\n");
        if (storage.equals("postgres")) {
            var server = PostgresServer.shared();
            var database = server.createDatabase("cli_secrets");
            cli.env("PGPASSWORD", server.password()).env("MCPCONN_SECRET_KEY", KEY);
            return new Target(storage, cli, List.of("--db", "postgresql://" + server.user() + "@" + server.host() + ":"
                    + server.port() + "/" + database), home);
        }
        return new Target(storage, cli, List.of(), home);
    }

    @ParameterizedTest(name = "{0}")
    @Order(1)
    @ValueSource(strings = {"sqlite", "postgres"})
    void every_command_on_every_path(String storage) throws Exception {
        var t = target(storage, directory.resolve(storage));
        var stdio = quoted(ServerEverything.stdioCommand());
        // Secrets offered on the command line itself: refused, without repeating them.
        t.run("connections", "add", "literal-header", "--url", everything.url(), "--header", "Authorization=Bearer " + API_KEY);
        t.run("connections", "add", "literal-header2", "--url", everything.url(), "--header", "X-Api-Key=" + HEADER);
        t.run("connections", "add", "literal-url", "--url", withPassword(everything.url()));
        t.run("connections", "add", "literal-env", "--stdio", stdio, "--env", "API_TOKEN=" + ENV_VALUE);
        t.run("connections", "add", "literal-arg", "--stdio", "server --token=" + ENV_VALUE);
        t.run("connections", "add", "literal-arg2", "--stdio", "server --api-key " + API_KEY);
        // Invalid configuration, with the secrets given properly.
        t.run("connections", "add", "bad-scheme", "--url", "@env:FTP_URL_VAR", "--header", "X-Api-Key=@env:HEADER_VAR");
        t.run("connections", "add", "bad-header", "--url", everything.url(), "--header", "X-Api-Key=@env:HEADER_LINE_VAR");
        t.run("connections", "add", "bad-timeout", "--url", "@env:URL_VAR", "--api-key-env", "API_KEY_VAR", "--timeout", "0");
        t.run("connections", "add", "bad-both", "--url", "@env:URL_VAR", "--stdio", stdio, "--env", "API_TOKEN=@env:ENV_VAR");
        t.run("connections", "add", "bad-key", "--stdio", stdio, "--api-key-env", "API_KEY_VAR");
        t.run("connections", "add", "bad-env", "--url", "@env:URL_VAR", "--env", "API_TOKEN=@env:ENV_VAR");

        // Connections that work, and connections that fail.
        var names = new ArrayList<String>();
        add(t, names, "http-key", "--url", everything.url(), "--api-key-env", "API_KEY_VAR", "--header", "X-Api-Key=@env:HEADER_VAR");
        add(t, names, "http-key-file", "--url", everything.url(), "--api-key-file", "key.txt", "--api-key-header", "X-Api-Key");
        add(t, names, "http-password", "--url", "@env:URL_VAR", "--header", "X-Api-Key=@env:HEADER_VAR");
        add(t, names, "stdio-env", "--stdio", stdio, "--env", "API_TOKEN=@env:ENV_VAR");
        add(t, names, "unreachable", "--url", "@env:CLOSED_URL_VAR", "--header", "X-Api-Key=@env:HEADER_VAR");
        add(t, names, "wrong-command", "--stdio", "/nonexistent/mcp-server-x stdio", "--env", "API_TOKEN=@env:ENV_VAR");
        add(t, names, "erroring-stdio", "--stdio", quoted(List.of("/bin/sh", "-c",
                "echo \"starting with API_TOKEN=$API_TOKEN\" >&2; exit 3")), "--env", "API_TOKEN=@env:ENV_VAR");
        for (var path : List.of("unauthorized", "broken", "rpc_error")) {
            add(t, names, "echo-" + path.replace('_', '-'), "--url", "@env:ECHO_" + path.toUpperCase(java.util.Locale.ROOT) + "_VAR",
                    "--api-key-env", "API_KEY_VAR", "--header", "X-Secret-Token=@env:HEADER_VAR");
        }
        t.run("connections", "add", "http-key", "--url", everything.url(), "--api-key-env", "API_KEY_VAR",
                "--header", "X-Api-Key=@env:HEADER_VAR", "--retries", "0", "--timeout", "5");
        t.run("connections", "add", "http-key", "--url", "@env:URL_VAR");

        t.run("connections", "list");
        t.run("--json", "connections", "list");
        for (var name : names) {
            var connect = t.run("connections", "connect", name);
            assertThat(connect.code() == 0).as("whether %s connects: %s", name, connect)
                    .isEqualTo(List.of("http-key", "http-key-file", "http-password", "stdio-env").contains(name));
            t.cli().env("MCPCONN_DEBUG", "1");
            t.run("connections", "connect", name);
            t.run("--json", "connections", "connect", name);
            t.cli().env("MCPCONN_DEBUG", "0");
            t.run("connections", "show", name);
            t.run("--json", "connections", "show", name);
            t.run("connections", "tools", name);
            t.run("--json", "connections", "tools", name);
            t.run("connections", "call", name, "echo", "--args", "{\"message\": \"hello\"}");
            t.run("--json", "connections", "call", name, "echo", "--args", "{\"message\": \"hello\"}");
            t.run("connections", "call", name, "get-sum", "--args", "{\"a\": \"x\"}");
            t.run("connections", "call", name, "fly");
            t.run("connections", "disconnect", name);
            t.run("--json", "connections", "disconnect", name);
        }
        t.run("connections", "list", "--status", "error");

        // Import and export.
        var file = Files.writeString(t.home().resolve("claude_desktop_config.json"), """
                {"mcpServers": {
                  "imported-http": {"url": "%s", "headers": {"X-Api-Key": "${env:HEADER_VAR}",
                                    "Authorization": "Bearer %s"}},
                  "imported-stdio": {"command": "/bin/true", "args": ["stdio"], "env": {"API_TOKEN": "%s"}},
                  "bad-scheme": {"url": "ftp://mcpuser:%s@127.0.0.1/x", "headers": {"X-Api-Key": "%s"}},
                  "bad-both": {"command": "/bin/true", "url": "http://mcpuser:%s@127.0.0.1/x", "env": {"T": "%s"}}
                }}""".formatted(withPassword(everything.url()), API_KEY, ENV_VALUE, URL_PASSWORD, HEADER, URL_PASSWORD,
                ENV_VALUE));
        t.run("connections", "import", file.toString(), "--dry-run");
        t.run("connections", "import", file.toString());
        t.run("--json", "connections", "import", file.toString(), "--update");
        var truncated = Files.writeString(t.home().resolve("truncated.json"),
                Files.readString(file).substring(0, Files.readString(file).indexOf(API_KEY) + 12));
        t.run("connections", "import", truncated.toString());
        t.run("connections", "import", t.home().resolve("missing.json").toString());
        t.run("connections", "export");
        t.run("connections", "export", "--format", "servers");
        t.run("--json", "connections", "export");
        t.run("connections", "export", "--output", "exported.json");
        scan.add(storage + " files", Files.readString(t.home().resolve("exported.json")));
        var withSecrets = t.cli().run(Stream.concat(t.db().stream(), Stream.of("connections", "export", "--include-secrets"))
                .toArray(String[]::new));
        assertThat(scan.findingsIn("export --include-secrets", withSecrets.out())).extracting(SecretScan.Finding::secret)
                .as("asked for, an export holds the secrets, and the scan finds them")
                .contains("api key", "secret header", "URL password", "stdio env value");

        // The database's commands.
        t.run("db", "current");
        t.run("--json", "db", "current");
        t.run("db", "history");
        t.run("db", "verify");
        t.run("--json", "db", "verify");
        t.run("db", "backup", "--to", "before.backup");
        t.run("--json", "db", "backup");
        t.run("db", "downgrade", "-1");
        t.run("db", "upgrade");
        t.run("db", "stamp", "4");
        t.run("db", "stamp", "head");
        t.run("db", "upgrade", "--target", "9");
        t.run("db", "rotate-key");
        t.run("--json", "db", "rotate-key");
        t.run("connections", "show", "http-key");
        t.run("db", "restore", "before.backup");
        t.run("db", "restore", "missing.backup");
        t.run("connections", "show", "http-password");
        dump(t, "before removal");

        for (var name : names) {
            t.run("connections", "remove", name, "--agent", "intruder");
            t.run("connections", "remove", name);
        }
        t.run("connections", "remove", "http-key");
        dump(t, "after removal");
    }

    private static void add(Target t, List<String> names, String name, String... options) {
        var args = Stream.concat(Stream.of("connections", "add", name, "--retries", "0", "--timeout", "5"),
                Stream.of(options)).toArray(String[]::new);
        var added = t.run(args);
        assertThat(added.code()).as(added.toString()).isZero();
        names.add(name);
    }

    @Test
    @Order(2)
    void the_plaintext_mode_keeps_the_seeds_format_and_the_scan_finds_the_secrets_there() throws Exception {
        var home = directory.resolve("plaintext");
        var t = target("sqlite", home);
        t.cli().env("MCPCONN_SECRETS", "plaintext");
        t.run("connections", "add", "http-key", "--url", "@env:URL_VAR", "--api-key-env", "API_KEY_VAR", "--header",
                "X-Api-Key=@env:HEADER_VAR");
        t.run("connections", "show", "http-key");
        var rows = rows(home.resolve("data/tmws.db"));
        assertThat(scan.findingsIn("plaintext rows", rows)).extracting(SecretScan.Finding::secret)
                .as("chosen explicitly, the seed's plaintext format holds the secrets").contains("api key", "secret header",
                        "URL password");
    }

    @Test
    @Order(3)
    void no_secret_appears_in_anything_captured() {
        streams.close();
        scan.add("System.out (all logs and prints)", streams.out());
        scan.add("System.err (all logs and prints)", streams.err());
        System.out.printf("CliSecretsTest: %s, commands=%d (%s); %.1f s%n", scan.figures(), commands,
                String.join(", ", scan.sourceNames()), (System.nanoTime() - started) / 1e9);
        scan.assertClean();
    }

    private static void dump(Target t, String when) throws Exception {
        if (t.name().equals("postgres")) {
            var server = PostgresServer.shared();
            var database = t.db().get(1).substring(t.db().get(1).lastIndexOf('/') + 1);
            var tables = server.psql(database, "SELECT string_agg(table_name, ',' ORDER BY table_name)"
                    + " FROM information_schema.tables WHERE table_schema = 'public'");
            for (var table : tables.split(",")) {
                scan.add(t.name() + " database rows", when + " " + table + ":\n"
                        + server.psql(database, "SELECT t::text FROM \"" + table + "\" t"));
            }
            for (var config : server.psql(database, "SELECT config_json::text FROM mcp_connections").split("\n")) {
                if (!config.isBlank()) {
                    assertThat(config).as("sealed at rest").contains("enc:v1:");
                }
            }
        } else {
            var file = t.home().resolve("data/tmws.db");
            scan.add(t.name() + " database rows", when + "\n" + rows(file));
            try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                 var configs = connection.createStatement().executeQuery("SELECT config_json FROM mcp_connections")) {
                while (configs.next()) {
                    assertThat(configs.getString(1)).as("sealed at rest").contains("enc:v1:");
                }
            }
        }
        try (var files = Files.walk(t.home())) {
            for (var each : files.filter(Files::isRegularFile).toList()) {
                var name = each.getFileName().toString();
                if (!name.endsWith(".json") && !name.equals("key.txt")) {
                    scan.add(t.name() + " files", each + ": " + new String(Files.readAllBytes(each), StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    private static String rows(Path file) throws Exception {
        var out = new StringBuilder();
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
                        out.append(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            out.append(' ').append(rows.getMetaData().getColumnLabel(i)).append('=').append(rows.getString(i));
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
