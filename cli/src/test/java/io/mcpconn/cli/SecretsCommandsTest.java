package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest from the command line: sealed by default with a key file made beside the
 * database, rotated in one command, never printed; rows that cannot be read are listed as such.
 */
class SecretsCommandsTest {

    private static final String SECRET = "sk-rotate-me-5c1d77";

    @TempDir
    Path directory;

    private Cli cli() {
        return new Cli(directory).env("MCPCONN_NAMESPACE", "team-a").env("MCPCONN_AGENT", "agent-7")
                .env("REMOTE_KEY", SECRET);
    }

    private Path database() {
        return directory.resolve("data/tmws.db");
    }

    private String storedKey() throws Exception {
        return SeedDatabases.query(database(), "SELECT json_extract(config_json, '$.api_key') FROM mcp_connections"
                + " WHERE server_name = 'remote'").strip();
    }

    private static String newKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void rotate_key_puts_a_new_key_first_in_the_key_file_and_reseals_every_secret_with_it() throws Exception {
        var cli = cli();
        var added = cli.run("connections", "add", "remote", "--url", "http://localhost:9/mcp", "--api-key-env", "REMOTE_KEY");
        assertThat(added.code()).as(added.toString()).isZero();
        var keyFile = directory.resolve("data/tmws.db.key");
        var before = storedKey();
        var oldId = before.split(":")[2];

        var rotated = cli.run("db", "rotate-key");

        assertThat(rotated.code()).as(rotated.toString()).isZero();
        var after = storedKey();
        var newId = after.split(":")[2];
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(rotated.out()).contains("adding key " + newId + " to " + keyFile + " … done (older keys " + oldId
                + " kept, to open backups made before)", "resealing every connection with key " + newId
                + " … done (1 connection(s))").doesNotContain(SECRET);
        assertThat(Files.readAllLines(keyFile).stream().filter(line -> !line.startsWith("#"))).hasSize(2);
        assertThat(new String(Files.readAllBytes(database()), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        var shown = cli.run("connections", "show", "remote");
        assertThat(shown.code()).as(shown.toString()).isZero();
        assertThat(shown.out()).doesNotContain(SECRET);
        var exported = cli.run("connections", "export", "--include-secrets");
        assertThat(exported.out()).as("the key still opens after the rotation").contains(SECRET);

        var json = cli.run("--json", "db", "rotate-key");
        assertThat(json.code()).isZero();
        assertThat(json.out()).startsWith("{").contains("\"command\" : \"rotate-key\"", "\"resealed\" : 1");
    }

    @Test
    void with_keys_in_the_environment_rotate_key_reseals_with_the_first_and_plaintext_mode_has_nothing_to_rotate()
            throws Exception {
        var first = newKey();
        var second = newKey();
        var plain = cli().env("MCPCONN_SECRETS", "plaintext");
        assertThat(plain.run("connections", "add", "remote", "--url", "http://localhost:9/mcp", "--api-key-env",
                "REMOTE_KEY").code()).isZero();
        assertThat(storedKey()).as("the seed's format, chosen explicitly").isEqualTo(SECRET);
        assertThat(directory.resolve("data/tmws.db.key")).doesNotExist();
        var refused = plain.run("db", "rotate-key");
        assertThat(refused.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("secrets are kept in plaintext (MCPCONN_SECRETS=plaintext)");

        var sealed = cli().env("MCPCONN_SECRET_KEY", first);
        var resealed = sealed.run("db", "rotate-key");
        assertThat(resealed.code()).as(resealed.toString()).isZero();
        assertThat(resealed.out()).contains("sealed with the first key of MCPCONN_SECRET_KEY");
        var sealedKey = storedKey();
        assertThat(sealedKey).startsWith("enc:v1:").doesNotContain(SECRET);

        var wrong = cli().env("MCPCONN_SECRET_KEY", second).run("connections", "show", "remote");
        assertThat(wrong.code()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(wrong.err()).contains("cannot be read: column config_json holds a sealed secret that cannot be opened",
                "which is not among the keys at hand").doesNotContain(SECRET, first, second);
        var listed = cli().env("MCPCONN_SECRET_KEY", second).run("connections", "list");
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).contains("unreadable: stored connection ").doesNotContain(SECRET);

        var both = cli().env("MCPCONN_SECRET_KEY", second + "," + first).run("db", "rotate-key");
        assertThat(both.code()).as(both.toString()).isZero();
        assertThat(cli().env("MCPCONN_SECRET_KEY", second).run("connections", "show", "remote").code()).isZero();
        assertThat(cli().env("MCPCONN_SECRET_KEY", "not-a-key").run("connections", "list").err())
                .contains("MCPCONN_SECRET_KEY, line 1: a secret key must be base64 text of 32 random bytes");
    }
}
