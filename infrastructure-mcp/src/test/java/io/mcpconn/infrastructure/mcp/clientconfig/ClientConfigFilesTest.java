package io.mcpconn.infrastructure.mcp.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.transfer.ExportConnections.ExportedServer;
import io.mcpconn.application.transfer.ImportEntry;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.connection.ServerName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The two file formats MCP clients keep their servers in, read entry by entry and written back. */
class ClientConfigFilesTest {

    private static final String SECRET = "ghp_exampleSecret123";

    private final ClientConfigReader reader = new ClientConfigReader(Map.of("GH_TOKEN", SECRET), Path.of("/home/me/project"));

    private static ImportEntry entry(ClientConfigReader.Parsed parsed, String name) {
        return parsed.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void desktop_mcp_servers_are_read_with_command_args_env_cwd_url_and_headers() {
        var parsed = reader.read("""
                {"mcpServers": {
                  "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                             "env": {"GITHUB_TOKEN": "${env:GH_TOKEN}"}, "cwd": "tools"},
                  "remote": {"url": "https://mcp.example.com/mcp", "headers": {"X-Tenant": "acme"}},
                  "typed": {"type": "streamable-http", "url": "https://typed.example.com/mcp"}
                }, "otherClientSetting": true}""");

        assertThat(parsed.format()).isEqualTo(ClientConfigFormat.MCP_SERVERS);
        assertThat(parsed.entries()).extracting(ImportEntry::name).containsExactly("github", "remote", "typed");
        assertThat(entry(parsed, "github").config()).contains(ConnectionConfig.of(new StdioTransport("npx",
                List.of("-y", "@modelcontextprotocol/server-github"), Map.of("GITHUB_TOKEN", SECRET),
                Optional.of(Path.of("/home/me/project/tools")))));
        assertThat(entry(parsed, "remote").config()).contains(ConnectionConfig.of(
                HttpTransport.of("https://mcp.example.com/mcp", Map.of("X-Tenant", "acme"))));
        assertThat(entry(parsed, "typed").config()).isPresent();
    }

    @Test
    void editor_servers_need_their_type() {
        var parsed = reader.read("""
                {"servers": {
                  "files": {"type": "stdio", "command": "node", "args": ["server.js"]},
                  "remote": {"type": "http", "url": "https://mcp.example.com/mcp"},
                  "untyped": {"command": "node"},
                  "odd": {"type": "websocket", "url": "wss://x"}
                }}""");

        assertThat(parsed.format()).isEqualTo(ClientConfigFormat.SERVERS);
        assertThat(entry(parsed, "files").config()).isPresent();
        assertThat(entry(parsed, "remote").config()).isPresent();
        assertThat(entry(parsed, "untyped").problem()).hasValueSatisfying(p -> assertThat(p).contains("lacks \"type\""));
        assertThat(entry(parsed, "odd").problem()).hasValueSatisfying(p -> assertThat(p).contains("unknown type \"websocket\""));
    }

    @Test
    void each_bad_entry_says_what_is_wrong_without_its_values() {
        var parsed = reader.read("""
                {"mcpServers": {
                  "sse": {"type": "sse", "url": "https://old.example.com/sse"},
                  "both": {"command": "x", "url": "https://h/mcp"},
                  "neither": {"args": []},
                  "notAnObject": 42,
                  "badArgs": {"command": "x", "args": "-y"},
                  "numberArg": {"command": "x", "args": [1]},
                  "badEnv": {"command": "x", "env": {"A": 1}},
                  "prompt": {"command": "x", "env": {"TOKEN": "${input:token}"}},
                  "unset": {"command": "x", "env": {"TOKEN": "${env:NOT_SET_ANYWHERE}"}},
                  "badUrl": {"url": "ftp://user:%s@h/x"}
                }}""".formatted(SECRET));

        var problems = parsed.entries().stream().map(e -> e.name() + ": " + e.problem().orElse("VALID")).toList();
        assertThat(problems).containsExactly(
                "sse: uses the SSE transport, which mcpconn does not speak; use the server's Streamable HTTP endpoint"
                        + " (\"type\": \"http\") or stdio",
                "both: must have either \"command\" (stdio) or \"url\" (HTTP)",
                "neither: must have either \"command\" (stdio) or \"url\" (HTTP)",
                "notAnObject: must be an object with \"command\" or \"url\"",
                "badArgs: \"args\" must be a list of strings",
                "numberArg: \"args\" must be a list of strings, but holds number",
                "badEnv: \"env\" value of A must be a string",
                "prompt: \"env.TOKEN\" asks for input (${input:token}), which an import cannot give; put the value in the"
                        + " file or in an environment variable and write ${env:NAME}",
                "unset: \"env.TOKEN\" needs the environment variable NOT_SET_ANYWHERE, which is not set",
                "badUrl: server url ftp://****@h/x must start with http:// or https://, e.g. http://localhost:8080/mcp");
        assertThat(String.join("\n", problems)).doesNotContain(SECRET);
    }

    @Test
    void a_file_of_neither_format_is_refused_as_a_whole() {
        assertThatThrownBy(() -> reader.read("{\"servers\": [1]}")).isInstanceOf(InvalidClientConfigException.class)
                .hasMessageContaining("must be an object of servers by name");
        assertThatThrownBy(() -> reader.read("{\"mcp\": {}}")).isInstanceOf(InvalidClientConfigException.class)
                .hasMessage("the file holds neither \"mcpServers\" (desktop clients) nor \"servers\" (editor workspaces);"
                        + " found: mcp");
        assertThatThrownBy(() -> reader.read("[]")).isInstanceOf(InvalidClientConfigException.class);
        assertThatThrownBy(() -> reader.read("{\"mcpServers\": {\"a\": {\"url\": \"" + SECRET))
                .isInstanceOf(InvalidClientConfigException.class).hasMessageStartingWith("the file is not valid JSON at line 1")
                .message().doesNotContain(SECRET);
    }

    @Test
    void written_files_read_back_and_hold_secrets_only_when_asked() {
        var github = new ExportedServer(ServerName.of("github"), ConnectionConfig.of(new StdioTransport("npx",
                List.of("-y", "server", "--token=" + SECRET), Map.of("GITHUB_TOKEN", SECRET, "LOG", "debug"),
                Optional.of(Path.of("/srv")))));
        var remote = new ExportedServer(ServerName.of("remote"), ConnectionConfig.of(HttpTransport.of(
                "https://mcp.example.com/mcp", Map.of("X-Tenant", "acme"))).withApiKey(ApiKey.of(SECRET).inHeader("X-Api-Key")));
        var bearer = new ExportedServer(ServerName.of("bearer"),
                ConnectionConfig.http("https://b.example.com/mcp").withApiKey(ApiKey.of(SECRET)));
        var servers = List.of(bearer, github, remote);

        var shared = ClientConfigWriter.write(ClientConfigFormat.SERVERS, servers, false);
        assertThat(shared).doesNotContain(SECRET).contains("\"type\" : \"stdio\"", "\"type\" : \"http\"",
                "\"--token=${input:github-arg3}\"", "\"GITHUB_TOKEN\" : \"${input:github-github_token}\"",
                "\"X-Api-Key\" : \"${input:remote-api-key}\"", "\"Authorization\" : \"Bearer ${input:bearer-api-key}\"",
                "\"X-Tenant\" : \"acme\"");

        var full = ClientConfigWriter.write(ClientConfigFormat.MCP_SERVERS, servers, true);
        var readBack = new ClientConfigReader(Map.of(), Path.of("/")).read(full);
        assertThat(readBack.format()).isEqualTo(ClientConfigFormat.MCP_SERVERS);
        assertThat(entry(readBack, "github").config()).contains(github.config());
        assertThat(entry(readBack, "remote").config().orElseThrow().transport()).isEqualTo(HttpTransport.of(
                "https://mcp.example.com/mcp", Map.of("X-Tenant", "acme", "X-Api-Key", SECRET)));
        assertThat(entry(readBack, "bearer").config().orElseThrow().transport()).isEqualTo(HttpTransport.of(
                "https://b.example.com/mcp", Map.of("Authorization", "Bearer " + SECRET)));
    }
}
