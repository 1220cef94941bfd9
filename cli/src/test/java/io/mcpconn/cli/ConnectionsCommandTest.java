package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.testkit.servers.ServerEverything;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcpconn connections …} in this JVM against MCP's reference server and a temporary database. */
class ConnectionsCommandTest {

    private static final String SECRET = "sk-cli-secret-81f3c2";

    @TempDir
    Path directory;

    private Cli cli;
    private String stdio;

    @BeforeEach
    void setUp() {
        cli = new Cli(directory).env("MCPCONN_NAMESPACE", "team-a").env("MCPCONN_AGENT", "agent-7")
                .env("EVERYTHING_KEY", SECRET);
        stdio = String.join(" ", ServerEverything.stdioCommand().stream().map(word -> "'" + word + "'").toList());
    }

    private Cli.Result run(String... args) {
        return cli.run(args);
    }

    private String row(String sql) throws Exception {
        return SeedDatabases.query(directory.resolve("data/tmws.db"), sql);
    }

    @Test
    void add_connect_tools_call_disconnect_and_remove_a_real_server() throws Exception {
        var added = run("connections", "add", "everything", "--stdio", stdio, "--env", "API_TOKEN=@env:EVERYTHING_KEY",
                "--timeout", "20", "--retries", "0");
        assertThat(added.code()).as(added.toString()).isZero();
        assertThat(added.out()).contains("registered everything", "for agent agent-7 in namespace team-a");
        assertThat(run("connections", "add", "everything", "--stdio", stdio, "--env", "API_TOKEN=@env:EVERYTHING_KEY",
                "--timeout", "20", "--retries", "0").out()).contains("already registered with this configuration");

        var connected = run("connections", "connect", "everything");
        assertThat(connected.code()).as(connected.toString()).isZero();
        assertThat(connected.out()).contains("connecting everything (stdio: ", " … connected in ", " tools",
                "closing the session (a command-line process keeps none) … closed",
                "everything is DISCONNECTED with ");
        assertThat(row("SELECT status || ' ' || json_array_length(tools_json) FROM mcp_connections"))
                .matches("disconnected 1[0-9]\n");

        var tools = run("connections", "tools", "everything");
        assertThat(tools.out()).contains("TOOL", "echo", "get-sum");

        var call = run("connections", "call", "everything", "get-sum", "--args", "{\"a\": 20, \"b\": 22}");
        assertThat(call.code()).as(call.toString()).isZero();
        assertThat(call.out()).contains("42");
        var json = run("--json", "connections", "call", "everything", "echo", "--args", "{\"message\": \"hi there\"}");
        assertThat(json.out()).startsWith("{").contains("\"isError\" : false", "hi there").doesNotContain("connecting");

        var invalid = run("connections", "call", "everything", "get-sum", "--args", "{\"a\": \"x\"}");
        assertThat(invalid.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(invalid.err()).contains("do not match its input schema");
        var unknown = run("connections", "call", "everything", "fly");
        assertThat(unknown.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(unknown.err()).contains("offers no tool named \"fly\"");

        var show = run("connections", "show", "everything");
        assertThat(show.out()).contains("status", "DISCONNECTED", "API_TOKEN (values hidden)").doesNotContain(SECRET);
        var list = run("--json", "connections", "list");
        assertThat(list.out()).contains("\"name\" : \"everything\"", "\"status\" : \"disconnected\"");

        var disconnect = run("connections", "disconnect", "everything");
        assertThat(disconnect.code()).isZero();
        assertThat(disconnect.out()).contains("already disconnected; nothing to do");

        assertThat(run("connections", "remove", "everything", "--agent", "intruder").code()).isEqualTo(ExitCode.REFUSED);
        var removed = run("connections", "remove", "everything");
        assertThat(removed.code()).as(removed.toString()).isZero();
        assertThat(row("SELECT count(*) FROM mcp_connections")).isEqualTo("0\n");
        assertThat(row("SELECT count(*) FROM mcp_session_leases")).isEqualTo("0\n");
        for (var result : new Cli.Result[] {added, connected, tools, call, json, show, list}) {
            assertThat(result.out() + result.err()).doesNotContain(SECRET);
        }
        for (var file : new String[] {"data/tmws.db", "data/tmws.db-wal"}) {
            if (Files.exists(directory.resolve(file))) {
                assertThat(Files.readString(directory.resolve(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("the env value is sealed at rest in %s", file).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void secrets_are_refused_on_the_command_line_and_taken_from_variables_or_files() throws Exception {
        var header = run("connections", "add", "remote", "--url", "http://localhost:9/mcp", "--header",
                "Authorization=Bearer " + SECRET);
        assertThat(header.code()).isEqualTo(ExitCode.USAGE);
        assertThat(header.err()).contains("holds a secret", "@env:VAR").doesNotContain(SECRET);
        var url = run("connections", "add", "remote", "--url", "http://user:" + SECRET + "@localhost:9/mcp");
        assertThat(url.code()).isEqualTo(ExitCode.USAGE);
        assertThat(url.err()).contains("carries credentials").doesNotContain(SECRET);
        var arg = run("connections", "add", "local", "--stdio", "server --token=" + SECRET);
        assertThat(arg.code()).isEqualTo(ExitCode.USAGE);
        assertThat(arg.err()).contains("--token=****").doesNotContain(SECRET);

        var keyFile = Files.writeString(directory.resolve("key.txt"), SECRET + "\n");
        var ok = run("connections", "add", "remote", "--url", "http://localhost:9/mcp", "--api-key-file",
                keyFile.toString(), "--header", "X-Tenant=acme", "--retries", "0", "--timeout", "2");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(row("SELECT json_extract(config_json, '$.api_key') FROM mcp_connections"))
                .as("sealed at rest with the key file made beside the database").startsWith("enc:v1:").doesNotContain(SECRET);
        assertThat(ok.err()).startsWith("mcpconn: note: created " + directory.resolve("data/tmws.db.key") + " (owner-only)");

        var unreachable = run("connections", "connect", "remote");
        assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(ExitCode.SERVER_FAILED);
        assertThat(unreachable.err()).contains("connecting remote failed after 1 attempt").doesNotContain(SECRET);
        assertThat(row("SELECT status FROM mcp_connections")).isEqualTo("error\n");
        assertThat(run("connections", "show", "remote").out()).contains("last error", "api key", "****")
                .doesNotContain(SECRET);
    }

    @Test
    void import_reports_bad_entries_by_name_and_export_writes_placeholders_for_secrets() throws Exception {
        var file = Files.writeString(directory.resolve("claude_desktop_config.json"), """
                {"mcpServers": {
                  "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]},
                  "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                             "env": {"GITHUB_TOKEN": "${env:EVERYTHING_KEY}"}},
                  "remote": {"url": "https://mcp.example.com/mcp", "headers": {"X-Api-Key": "%s"}},
                  "legacy": {"type": "sse", "url": "https://old.example.com/sse"},
                  "broken": {"args": ["x"]}
                }}""".formatted(SECRET));

        var dryRun = run("connections", "import", file.toString(), "--dry-run");
        assertThat(dryRun.code()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(dryRun.out()).contains("dry run: nothing is written", "3 registered", "2 invalid");
        assertThat(row("SELECT count(*) FROM mcp_connections")).isEqualTo("0\n");

        var imported = run("connections", "import", file.toString());
        assertThat(imported.out()).contains("legacy", "SSE transport", "broken", "either \"command\"")
                .doesNotContain(SECRET);
        assertThat(row("SELECT group_concat(server_name, ',') FROM (SELECT server_name FROM mcp_connections ORDER BY 1)"))
                .isEqualTo("files,github,remote\n");
        assertThat(run("connections", "import", file.toString()).out()).contains("3 unchanged");

        var exported = run("connections", "export");
        assertThat(exported.code()).isZero();
        assertThat(exported.out()).contains("\"mcpServers\"", "\"GITHUB_TOKEN\" : \"${input:github-github_token}\"",
                "\"X-Api-Key\" : \"${input:remote-x-api-key}\"").doesNotContain(SECRET);
        var withSecrets = run("connections", "export", "--format", "servers", "--include-secrets");
        assertThat(withSecrets.out()).contains("\"servers\"", "\"type\" : \"stdio\"", SECRET);
    }

    @Test
    void unknown_connections_and_bad_arguments_get_one_clear_error_each() {
        run("connections", "list");
        var missing = run("connections", "connect", "nothing-here");
        assertThat(missing.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(missing.err()).isEqualTo("mcpconn: no connection named nothing-here in namespace team-a;"
                + " list the namespace's connections to see their names\n");
        var badJson = run("connections", "call", "x", "echo", "--args", "[1, 2]");
        assertThat(badJson.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badJson.err()).contains("must be a JSON object");
        var both = run("connections", "add", "x", "--url", "http://h/mcp", "--stdio", "npx");
        assertThat(both.code()).isEqualTo(ExitCode.USAGE);
    }
}
