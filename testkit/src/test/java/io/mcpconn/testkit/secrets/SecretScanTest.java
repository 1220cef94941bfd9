package io.mcpconn.testkit.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scanner itself: it finds a secret in each encoding it claims, and never prints one. */
class SecretScanTest {

    private static final String SECRET = SecretScan.newSecret("sk-test-", "/+=");
    private static final SecretScan SCAN = SecretScan.of(Map.of("api key", SECRET));

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void finds_the_secret_in_every_encoding_and_inside_longer_base64_at_each_alignment() {
        var bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        var samples = List.of(
                "x " + SECRET + " y",
                "Authorization: Bearer " + SECRET,
                SECRET.toLowerCase(java.util.Locale.ROOT),
                SECRET.toUpperCase(java.util.Locale.ROOT),
                "q=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
                "q=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
                "Basic " + base64("u:" + SECRET),
                "Basic " + base64("us:" + SECRET + "!"),
                "Basic " + base64("use:" + SECRET),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                HexFormat.of().formatHex(bytes),
                HexFormat.of().withUpperCase().formatHex(bytes),
                "{\"k\":\"" + SECRET.replace("/", "\\/") + "\"}",
                SECRET.chars().mapToObj(c -> String.format("\\u%04X", c)).reduce("", String::concat));
        for (var sample : samples) {
            assertThat(SCAN.findingsIn("sample", sample)).as("found in one of the samples").hasSize(1)
                    .allSatisfy(finding -> assertThat(finding.toString()).doesNotContain(SECRET));
        }
        assertThat(SCAN.findingsIn("clean", "sk-test-" + SECRET.substring(8, 20) + " and ordinary text")).isEmpty();
        assertThat(SCAN.encodingCount()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void a_failure_names_source_encoding_and_context_with_the_secret_masked() {
        var scan = SecretScan.of(Map.of("api key", SECRET, "header", SecretScan.newSecret("hdr-", "")));
        scan.add("log", "first line\nconnecting with key " + SECRET + " to the server\n");
        scan.add("events", "nothing here");
        assertThat(scan.figures()).startsWith("secrets sources=2 lines=3 bytes=").endsWith("secrets=2 encodings="
                + scan.encodingCount() + " found=1");
        assertThatThrownBy(scan::assertClean).isInstanceOf(AssertionError.class)
                .hasMessageContaining("source 'log', line 2: secret api key as raw: …")
                .hasMessageContaining("connecting with key [SECRET] to the server")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }
}
