package io.mcpconn.domain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionConfigTest {

    private static final String SECRET = "sk-live-7f3a9c1e5b2d";

    @Test
    void http_configs_get_the_seeds_defaults() {
        var config = ConnectionConfig.http("http://localhost:8080/mcp");

        assertThat(config.transport()).isEqualTo(new HttpTransport(java.net.URI.create("http://localhost:8080/mcp"), java.util.Map.of()));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.retryAttempts()).isEqualTo(3);
        assertThat(config.authRequired()).isFalse();
        assertThat(config.apiKey()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/mcp", "localhost:8080", "/relative/path", "mailto:someone@example.com"})
    void urls_must_be_http_or_https(String url) {
        assertThatThrownBy(() -> ConnectionConfig.http(url)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("must start with http:// or https://");
    }

    @Test
    void urls_need_a_host_and_valid_syntax() {
        assertThatThrownBy(() -> ConnectionConfig.http("http:///mcp")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("has no host");
        assertThatThrownBy(() -> ConnectionConfig.http("http://exa mple.com")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not a valid URL");
    }

    @Test
    void timeouts_must_be_positive_and_plausible() {
        var config = ConnectionConfig.http("http://localhost:8080/mcp");
        assertThatThrownBy(() -> config.withTimeout(Duration.ZERO)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("more than 0 seconds");
        assertThatThrownBy(() -> config.withTimeout(Duration.ofSeconds(-5))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> config.withTimeout(Duration.ofSeconds(30_000))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("at most 3600 seconds");
        assertThat(config.withTimeout(Duration.ofMillis(1500)).timeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void a_timeout_of_exactly_one_hour_is_the_longest_accepted() {
        var config = ConnectionConfig.http("http://localhost:8080/mcp");
        assertThat(config.withTimeout(Duration.ofHours(1)).timeout()).isEqualTo(ConnectionConfig.MAX_TIMEOUT);
        assertThatThrownBy(() -> config.withTimeout(Duration.ofSeconds(3601))).isInstanceOf(InvalidValueException.class)
                .hasMessage("timeout must be at most 3600 seconds, but is 3601 s; timeouts are given in seconds");
        assertThat(config.withTimeout(Duration.ofNanos(1)).timeout()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void a_non_positive_timeout_is_refused_in_seconds_with_their_fraction() {
        var config = ConnectionConfig.http("http://localhost:8080/mcp");
        assertThatThrownBy(() -> config.withTimeout(Duration.ofMillis(-1500))).isInstanceOf(InvalidValueException.class)
                .hasMessage("timeout must be more than 0 seconds, but is -1.5 s");
        assertThatThrownBy(() -> config.withTimeout(Duration.ZERO)).isInstanceOf(InvalidValueException.class)
                .hasMessage("timeout must be more than 0 seconds, but is 0.0 s");
    }

    @Test
    void retry_attempts_must_not_be_negative() {
        var config = ConnectionConfig.http("http://localhost:8080/mcp");
        assertThat(config.withRetryAttempts(0).retryAttempts()).isZero();
        assertThatThrownBy(() -> config.withRetryAttempts(-1)).isInstanceOf(InvalidValueException.class)
                .hasMessage("retry_attempts must be 0 or more, but is -1");
    }

    @Test
    void an_api_key_is_held_only_when_auth_is_required_and_may_be_kept_elsewhere() {
        var http = HttpTransport.of("https://mcp.example.com/mcp");
        // The Python service writes auth_required with api_key null when it keeps the key elsewhere.
        var keptElsewhere = new ConnectionConfig(http, Duration.ofSeconds(30), 3, true, Optional.empty());
        assertThat(keptElsewhere.lacksApiKey()).isTrue();
        assertThat(keptElsewhere.withApiKey(ApiKey.of(SECRET)).lacksApiKey()).isFalse();
        assertThat(ConnectionConfig.of(http).lacksApiKey()).as("no authentication wanted").isFalse();
        assertThatThrownBy(() -> new ConnectionConfig(http, Duration.ofSeconds(30), 3, false, Optional.of(ApiKey.of(SECRET))))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("api_key is given but auth_required is false")
                .message().doesNotContain(SECRET);

        var secured = ConnectionConfig.of(http).withApiKey(ApiKey.of(SECRET));
        assertThat(secured.authRequired()).isTrue();
        assertThat(secured.withoutAuthentication().apiKey()).isEmpty();
    }

    @Test
    void blank_api_keys_are_refused() {
        assertThatThrownBy(() -> ApiKey.of("  ")).isInstanceOf(InvalidValueException.class).hasMessage("api key must not be blank");
    }

    @Test
    void the_api_key_never_shows_in_to_string() {
        var config = ConnectionConfig.http("https://mcp.example.com/mcp").withApiKey(ApiKey.of(SECRET));
        assertThat(config.toString()).doesNotContain(SECRET).contains("authRequired=true", "****");
        assertThat(ApiKey.of(SECRET)).hasToString("****");
        assertThat(config.apiKey().orElseThrow().reveal()).isEqualTo(SECRET);
    }

    @Test
    void keys_compare_by_value() {
        assertThat(ApiKey.of(SECRET)).isEqualTo(ApiKey.of(SECRET)).hasSameHashCodeAs(ApiKey.of(SECRET));
        assertThat(ApiKey.of(SECRET)).isNotEqualTo(ApiKey.of(SECRET + "x"));
    }

    @Test
    void equal_keys_hash_alike_and_keys_in_different_headers_hash_apart() {
        var key = ApiKey.of(SECRET).inHeader("X-Api-Key");
        assertThat(key).isEqualTo(ApiKey.of(SECRET).inHeader("X-Api-Key")).hasSameHashCodeAs(ApiKey.of(SECRET).inHeader("X-Api-Key"));
        var hashes = new java.util.HashSet<Integer>();
        for (int i = 0; i < 100; i++) {
            hashes.add(ApiKey.of(SECRET).inHeader("X-Key-" + i).hashCode());
        }
        assertThat(hashes).hasSizeGreaterThan(90);
    }

    @Test
    void an_api_key_redacts_itself_from_text() {
        var key = ApiKey.of(SECRET);
        assertThat(key.redact("401: key " + SECRET + " revoked")).isEqualTo("401: key **** revoked");
        assertThat(key.redact("401: no key")).isEqualTo("401: no key");
        assertThat(key.secrets()).hasToString("Secrets[1 masked]");
    }

    @Test
    void redact_masks_the_key_in_any_text() {
        var config = ConnectionConfig.http("https://mcp.example.com/mcp").withApiKey(ApiKey.of(SECRET));
        assertThat(config.redact("401 for Authorization: Bearer " + SECRET)).isEqualTo("401 for Authorization: Bearer ****");
        assertThat(ConnectionConfig.http("https://mcp.example.com/mcp").redact("plain")).isEqualTo("plain");
    }

    @Test
    void credentials_inside_urls_are_masked_in_to_string_and_messages() {
        var transport = HttpTransport.of("https://user:" + SECRET + "@mcp.example.com:8443/mcp?token=" + SECRET);
        assertThat(transport.toString()).doesNotContain(SECRET).contains("https://****@mcp.example.com:8443/mcp?token=****");
        assertThatThrownBy(() -> HttpTransport.of("ftp://user:" + SECRET + "@host/x"))
                .message().doesNotContain(SECRET);
    }

    @Test
    void stdio_servers_have_a_command_args_env_and_working_directory() {
        var transport = new StdioTransport("npx", List.of("-y", "@modelcontextprotocol/server-everything"),
                Map.of("API_TOKEN", SECRET), Optional.of(Path.of("/srv")));

        assertThat(transport.args()).containsExactly("-y", "@modelcontextprotocol/server-everything");
        assertThat(transport.env()).containsEntry("API_TOKEN", SECRET);
        assertThat(transport.toString()).contains("npx", "API_TOKEN", "/srv").doesNotContain(SECRET);
        assertThat(ConnectionConfig.of(transport).toString()).doesNotContain(SECRET);
    }

    @Test
    void stdio_commands_and_env_names_are_validated() {
        assertThatThrownBy(() -> StdioTransport.of(" ")).isInstanceOf(InvalidValueException.class)
                .hasMessage("stdio command must not be blank");
        assertThatThrownBy(() -> new StdioTransport("npx", List.of(), Map.of("A=B", "x"), Optional.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("contain no '='");
        assertThatThrownBy(() -> new StdioTransport("npx", List.of(), Map.of(), Optional.of(Path.of("relative"))))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new StdioTransport("npx", List.of("a\0b"), Map.of(), Optional.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("NUL");
    }

    @Test
    void http_headers_are_validated_and_kept_case_insensitively() {
        var transport = HttpTransport.of("https://mcp.example.com/mcp", Map.of("X-Tenant", "acme"));
        assertThat(transport.headers()).containsEntry("x-tenant", "acme");
        assertThat(transport.withHeader("x-TENANT", "other").headers()).hasSize(1).containsEntry("X-Tenant", "other");
        assertThatThrownBy(() -> HttpTransport.of("https://h/mcp", Map.of("Bad Name", "x")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("not valid");
        assertThatThrownBy(() -> HttpTransport.of("https://h/mcp", Map.of("Host", "x")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("set by the HTTP client");
        assertThatThrownBy(() -> HttpTransport.of("https://h/mcp", Map.of("X-A", "x\r\nInjected: 1")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> HttpTransport.of("https://h/mcp", Map.of("X-A", "1", "x-a", "2")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("more than once");
    }

    @Test
    void an_api_key_goes_to_http_servers_only_and_may_name_its_header() {
        var key = ApiKey.of(SECRET).inHeader("X-API-Key");
        assertThat(key.header()).contains("X-API-Key");
        assertThat(key).hasToString("X-API-Key: ****").isNotEqualTo(ApiKey.of(SECRET));
        assertThat(ApiKey.of(SECRET).header()).isEmpty();
        assertThatThrownBy(() -> ConnectionConfig.stdio("npx").withApiKey(ApiKey.of(SECRET)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("environment variable")
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> ApiKey.of("sk-1\n")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("line breaks");
    }
}
