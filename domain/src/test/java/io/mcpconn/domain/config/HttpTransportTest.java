package io.mcpconn.domain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.shared.InvalidValueException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTransportTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://mcp.example.com/mcp                                                    | https://mcp.example.com/mcp
            http://localhost:0/mcp                                                         | http://localhost:0/mcp
            https://user:pw-1234@mcp.example.com:8443/mcp?tenant=acme&token=tok-1234#part  | https://****@mcp.example.com:8443/mcp?tenant=acme&token=****#part
            https://:tok-1234@mcp.example.com/mcp                                          | https://****@mcp.example.com/mcp
            https://mcp.example.com/mcp?=token&flag&api_key=&Session=s1                    | https://mcp.example.com/mcp?=token&flag&api_key=****&Session=****
            """)
    void urls_are_shown_as_given_with_credentials_and_secret_query_values_masked(String url, String shown) {
        var transport = HttpTransport.of(url);
        assertThat(transport.maskedUrl()).isEqualTo(shown);
        assertThat(transport).hasToString("HttpTransport[url=" + shown + ", headers=[]]");
    }

    @Test
    void to_string_names_the_headers_but_not_their_values() {
        var transport = HttpTransport.of("https://mcp.example.com/mcp", Map.of("X-Tenant", "acme", "Authorization", "Bearer tok-1234"));
        assertThat(transport).hasToString("HttpTransport[url=https://mcp.example.com/mcp, headers=[Authorization, X-Tenant]]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mailto:someone@example.com | server url mailto:**** must start with http:// or https://, e.g. http://localhost:8080/mcp
            /relative/path             | server url /relative/path must start with http:// or https://, e.g. http://localhost:8080/mcp
            http://user:p@ss@h         | server url http://****@h has no host; write it as http://HOST[:PORT]/PATH
            http://@bad_host/x         | server url http://****@bad_host/x has no host; write it as http://HOST[:PORT]/PATH
            """)
    void messages_about_a_wrong_url_show_it_masked(String url, String message) {
        assertThatThrownBy(() -> HttpTransport.of(url)).isInstanceOf(InvalidValueException.class).hasMessage(message);
    }

    @Test
    void messages_about_a_url_that_does_not_parse_show_it_masked() {
        assertThatThrownBy(() -> HttpTransport.of(" http://exa mple.com/mcp "))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("server url http://exa mple.com/mcp is not a valid URL (")
                .hasMessageEndingWith("); write it as http://HOST[:PORT]/PATH");
        assertThatThrownBy(() -> HttpTransport.of("http://user:p@ss@exa mple.com/x?token=p@ss&a=1#frag"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("server url http://****@exa mple.com/x?token=****&a=1#frag is not a valid URL (");
    }

    @Test
    void header_names_are_rfc_9110_tokens_of_1_to_256_characters() {
        assertThat(HttpTransport.headerName("X-Api-Key")).isEqualTo("X-Api-Key");
        assertThat(HttpTransport.headerName("h".repeat(256))).hasSize(256);
        assertThat(HttpTransport.headerName("!#$%&'*+.^_`|~")).isEqualTo("!#$%&'*+.^_`|~");
        assertThatThrownBy(() -> HttpTransport.headerName("h".repeat(257))).isInstanceOf(InvalidValueException.class)
                .hasMessage("header name \"" + "h".repeat(257) + "\" is not valid; use letters, digits and -, e.g. X-Api-Key");
        assertThatThrownBy(() -> HttpTransport.headerName("Bad Name")).isInstanceOf(InvalidValueException.class)
                .hasMessage("header name \"Bad Name\" is not valid; use letters, digits and -, e.g. X-Api-Key");
        assertThatThrownBy(() -> HttpTransport.headerName("")).isInstanceOf(InvalidValueException.class)
                .hasMessage("header name \"\" is not valid; use letters, digits and -, e.g. X-Api-Key");
        assertThatThrownBy(() -> HttpTransport.headerName(null)).isInstanceOf(InvalidValueException.class)
                .hasMessage("header name \"\" is not valid; use letters, digits and -, e.g. X-Api-Key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "content-length", "Connection", "Upgrade", "Expect", "Transfer-Encoding", "TE",
        "Keep-Alive", "Mcp-Session-Id", "MCP-PROTOCOL-VERSION"})
    void headers_the_client_sets_itself_are_refused_in_any_case(String name) {
        assertThatThrownBy(() -> HttpTransport.of("https://h/mcp", Map.of(name, "x")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("header " + name + " is set by the HTTP client itself; leave it out of the server's headers");
    }

    @Test
    void header_values_are_required_and_free_of_line_breaks_and_nul() {
        var missing = new HashMap<String, String>();
        missing.put("X-Tenant", null);
        assertThatThrownBy(() -> HttpTransport.of("https://h/mcp", missing)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of header X-Tenant");
        for (var value : new String[] {"a\rb", "a\nb", "\0ab"}) {
            assertThatThrownBy(() -> HttpTransport.of("https://h/mcp", Map.of("X-Tenant", value)))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessage("the value of header X-Tenant must not contain line breaks or NUL");
        }
        assertThat(HttpTransport.of("https://h/mcp", Map.of("X-Tenant", "")).headers()).containsEntry("X-Tenant", "");
    }

    @Test
    void with_header_keeps_the_other_headers() {
        var transport = HttpTransport.of("https://h/mcp", Map.of("X-Tenant", "acme"))
                .withHeader("X-Region", "eu");
        assertThat(transport.headers()).hasSize(2).containsEntry("X-Region", "eu").containsEntry("X-Tenant", "acme");
        assertThatThrownBy(() -> transport.withHeader("Host", "h")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void secret_headers_are_known_by_name() {
        assertThat(HttpTransport.isSecretHeader("Authorization")).isTrue();
        assertThat(HttpTransport.isSecretHeader("Proxy-Authorization")).isTrue();
        assertThat(HttpTransport.isSecretHeader("X-Api-Key")).isTrue();
        assertThat(HttpTransport.isSecretHeader("Cookie")).isTrue();
        assertThat(HttpTransport.isSecretHeader("X-Tenant")).isFalse();
    }

    @Test
    void a_bearer_token_is_redacted_alone_as_well_as_with_its_scheme() {
        var secrets = HttpTransport.of("https://h/mcp", Map.of("Authorization", "Bearer tok-abc-1234", "X-Tenant", "acme"))
                .secrets();
        assertThat(secrets.redact("sent Authorization: Bearer tok-abc-1234")).isEqualTo("sent Authorization: ****");
        assertThat(secrets.redact("token tok-abc-1234 expired")).isEqualTo("token **** expired");
        assertThat(secrets.redact("tenant acme, Bearer scheme")).isEqualTo("tenant acme, Bearer scheme");
    }

    @Test
    void a_password_after_an_empty_user_name_is_redacted_alone() {
        var secrets = HttpTransport.of("https://:tok-pass-1234@h/mcp").secrets();
        assertThat(secrets.redact("bad password tok-pass-1234")).isEqualTo("bad password ****");
        assertThat(secrets.redact("bad user info :tok-pass-1234")).isEqualTo("bad user info ****");
    }

    @Test
    void url_credentials_are_redacted_as_written_in_the_url_and_decoded() {
        // URLEncoder writes '~' as %7E, which RFC 3986 encoding leaves alone: only the URL's own form finds it.
        var password = "tilde~pass9";
        var written = URLEncoder.encode(password, StandardCharsets.UTF_8);
        assertThat(written).isEqualTo("tilde%7Epass9");
        var secrets = HttpTransport.of("https://deploy:" + written + "@h/mcp").secrets();

        assertThat(secrets.redact("password " + written + " refused")).isEqualTo("password **** refused");
        assertThat(secrets.redact("password " + password + " refused")).isEqualTo("password **** refused");
        assertThat(secrets.redact("user deploy:" + password)).isEqualTo("user ****");
    }

    @Test
    void only_secret_query_parameters_are_secrets() {
        var secrets = HttpTransport.of("https://h/mcp?tenant=acme-corp&access_token=tok%2B1234&=anonymous").secrets();
        assertThat(secrets.redact("tok+1234 tok%2B1234 acme-corp anonymous")).isEqualTo("**** **** acme-corp anonymous");
        assertThat(HttpTransport.of("https://h/mcp").secrets().isEmpty()).isTrue();
    }

    @Test
    void header_values_are_kept_as_http_sends_them_so_a_padded_bearer_token_is_still_redacted() {
        var transport = HttpTransport.of("https://h/mcp", java.util.Map.of("Authorization", "  Bearer tok-12345 "));
        assertThat(transport.headers()).containsEntry("Authorization", "Bearer tok-12345");
        assertThat(transport.secrets().redact("got tok-12345 and Bearer tok-12345")).isEqualTo("got **** and ****");
    }
}
