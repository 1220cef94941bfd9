package io.mcpconn.domain.connection;

import static io.mcpconn.domain.fixtures.DomainFixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.fixtures.DomainFixtures;
import io.mcpconn.domain.fixtures.TickingClock;
import io.mcpconn.domain.tenancy.AgentId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No secret of a connection leaves it through text: not events, not errors, not toString. Tried as
 * an attacker would: a server echoing the secret back URL-encoded, JSON-escaped or base64-encoded.
 */
class SecretMaskingTest {

    /** A key with the characters that encodings change. */
    private static final String TRICKY_KEY = "sk-A1b2/C3+d4=E5\"f6\\g7 h8ü";
    private static final String URL_PASSWORD = "p@ss:w0rd/x";
    private static final String QUERY_TOKEN = "tok-9f8e7d6c";
    private static final String HEADER_SECRET = "hdr-5a4b3c2d1e";
    private static final String ENV_SECRET = "ghp_ENVsecret123";
    private static final String ARG_SECRET = "arg-secret-777";

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");

    private static ConnectionConfig httpWithEverySecret() {
        var transport = HttpTransport.of("https://admin:" + URLEncoder.encode(URL_PASSWORD, StandardCharsets.UTF_8)
                        + "@mcp.example.com/mcp?tenant=acme&token=" + QUERY_TOKEN,
                Map.of("X-Api-Token", HEADER_SECRET, "X-Tenant", "acme"));
        return ConnectionConfig.of(transport).withApiKey(ApiKey.of(TRICKY_KEY));
    }

    private static ConnectionConfig stdioWithEverySecret() {
        return ConnectionConfig.of(new StdioTransport("npx", List.of("server", "--token=" + ARG_SECRET, "--api-key",
                ARG_SECRET + "2", "--verbose"), Map.of("GITHUB_TOKEN", ENV_SECRET), Optional.of(Path.of("/srv"))));
    }

    private static List<String> encodings(String secret) {
        var bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret,
                URLEncoder.encode(secret, StandardCharsets.UTF_8),
                URLEncoder.encode(secret, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
                URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"),
                secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"),
                secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("ü", "\\u00fc"),
                Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Test
    void every_secret_of_an_http_config_is_redacted_in_every_encoding_a_server_may_echo() {
        var config = httpWithEverySecret();
        for (var secret : List.of(TRICKY_KEY, URL_PASSWORD, QUERY_TOKEN, HEADER_SECRET)) {
            for (var echoed : encodings(secret)) {
                var redacted = config.redact("error: got <" + echoed + "> back");
                assertThat(redacted).as("echo of %s as %s", secret, echoed)
                        .isEqualTo("error: got <****> back");
            }
        }
        assertThat(config.redact("tenant acme is fine")).isEqualTo("tenant acme is fine");
    }

    @Test
    void every_secret_of_a_stdio_config_is_redacted() {
        var config = stdioWithEverySecret();
        for (var secret : List.of(ENV_SECRET, ARG_SECRET, ARG_SECRET + "2")) {
            for (var echoed : encodings(secret)) {
                assertThat(config.redact("GITHUB_TOKEN=" + echoed + " failed")).doesNotContain(secret).contains("****");
            }
        }
    }

    @Test
    void a_basic_authorization_header_built_from_the_url_credentials_is_redacted() {
        var config = httpWithEverySecret();
        var basic = Base64.getEncoder().encodeToString(("admin:" + URL_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(config.redact("Authorization: Basic " + basic)).doesNotContain(basic);
    }

    @Test
    void configs_print_no_secret_but_show_what_is_not_secret() {
        var http = httpWithEverySecret().toString();
        var stdio = stdioWithEverySecret().toString();
        for (var secret : List.of(TRICKY_KEY, URL_PASSWORD, "w0rd", QUERY_TOKEN, HEADER_SECRET)) {
            assertThat(http).doesNotContain(secret);
        }
        assertThat(http).contains("mcp.example.com/mcp", "tenant=acme", "token=****", "X-Api-Token", "X-Tenant");
        assertThat(stdio).doesNotContain(ENV_SECRET).doesNotContain(ARG_SECRET)
                .contains("GITHUB_TOKEN", "--token=****", "--api-key, ****", "--verbose", "server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:p@ss@h", "http://user:p@ss@/x", "ftp://user:p@ss@host/x",
        "http://user:p@ss@exa mple.com/x", "http://h/x?token=p@ss&a=1 2"})
    void validation_messages_never_repeat_credentials(String url) {
        var error = catchThrowable(() -> ConnectionConfig.http(url));
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).doesNotContain("p@ss").doesNotContain("user:");
    }

    @Test
    void a_whole_life_cycle_never_prints_a_secret() {
        var connection = McpConnection.register(ServerName.of("tmws_mcp"), DomainFixtures.NAMESPACE,
                DomainFixtures.AGENT, httpWithEverySecret(), clock.instant());
        var texts = new ArrayList<String>();

        connection.startConnecting(clock.instant());
        connection.fail("401 for " + URLEncoder.encode(TRICKY_KEY, StandardCharsets.UTF_8) + " at token="
                + QUERY_TOKEN + " {\"key\":\"" + TRICKY_KEY.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}",
                clock.instant());
        texts.add(connection.lastError().orElseThrow().message());
        assertThat(connection.lastError().orElseThrow().message()).startsWith("401 for **** at token=****");
        connection.startConnecting(clock.instant());
        connection.markActive(DomainFixtures.tools(), clock.instant());
        texts.add(catchThrowable(() -> connection.startConnecting(clock.instant())).getMessage());
        texts.add(catchThrowable(() -> connection.markSaved(9)).getMessage());
        texts.add(catchThrowable(() -> connection.reconfigure(stdioWithEverySecret(), clock.instant())).getMessage());
        connection.startDisconnecting(clock.instant());
        connection.disconnect("closing session with header " + HEADER_SECRET, clock.instant());
        texts.add(catchThrowable(() -> connection.replaceTools(DomainFixtures.tools(), clock.instant())).getMessage());
        connection.reconfigure(stdioWithEverySecret(), clock.instant());
        texts.add(catchThrowable(() -> connection.remove(AgentId.of("intruder"), clock.instant())).getMessage());
        connection.remove(DomainFixtures.AGENT, clock.instant());

        connection.pullEvents().forEach(event -> texts.add(event.toString()));
        texts.add(connection.toString());
        texts.add(connection.snapshot().toString());
        texts.add(connection.config().toString());

        assertThat(texts).hasSizeGreaterThan(14).allSatisfy(text -> {
            for (var secret : List.of(TRICKY_KEY, URL_PASSWORD, QUERY_TOKEN, HEADER_SECRET, ENV_SECRET, ARG_SECRET)) {
                assertThat(text).doesNotContain(secret);
            }
        });
    }

    @Test
    void repository_errors_never_print_the_key() {
        var connection = DomainFixtures.disconnected(clock);
        var errors = new Exception[] {
            new ConcurrentUpdateException(connection.id(), 1, 2),
            new DuplicateServerNameException(connection.namespace(), connection.serverName(), connection.id()),
            new McpConnectionNotFoundException(connection.namespace(), connection.id()),
            new NotConnectionOwnerException(connection.namespace(), connection.id(), connection.agentId()),
        };
        for (var error : errors) {
            assertThat(error.getMessage()).doesNotContain(SECRET).contains(connection.id().value());
        }
    }
}
